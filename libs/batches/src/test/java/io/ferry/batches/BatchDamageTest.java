package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A file that is not a whole batch is a {@link BatchFormatException} naming the file, whatever is wrong. */
class BatchDamageTest {

    @TempDir
    Path dir;

    private Path batch(String name, FileKey key) {
        Path file = dir.resolve(name);
        try (BatchWriter writer = BatchWriter.create(file,
                BatchSchema.of(new BatchColumn("id", "bigint"), new BatchColumn("note", "text")),
                BatchWriterOptions.defaults().withEncryption(key).withCompression(BatchWriterOptions.Compression.UNCOMPRESSED))) {
            for (int i = 0; i < 20_000; i++) {
                writer.write(new String[] {Integer.toString(i), "note number " + i});
            }
        }
        return file;
    }

    /** Opens and reads every row; the damage may show at either step. */
    private static void readAll(Path file, FileKey key) {
        try (BatchReader reader = BatchReader.open(file, key)) {
            while (reader.next() != null) {
                // reading is the test
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTruncatedBatch(boolean encrypted) throws IOException {
        FileKey key = encrypted ? TestKeys.key(1) : null;
        Path file = batch("t.parquet", key);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> readAll(file, key))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("batch " + file + " does not end with Parquet's magic bytes: truncated, or not a Parquet file");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aChangedByteInTheData(boolean encrypted) throws IOException {
        FileKey key = encrypted ? TestKeys.key(1) : null;
        Path file = batch("c.parquet", key);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> readAll(file, key))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("batch " + file + " is damaged: row group 1 cannot be read");
    }

    /**
     * AES-GCM authenticates every part of an encrypted batch, the footer included. A plaintext footer
     * has no checksum in Parquet (page checksums cover the data): the manifest's SHA-256 covers it.
     */
    @Test
    void aChangedByteInAnEncryptedFooter() throws IOException {
        FileKey key = TestKeys.key(1);
        Path file = batch("f.parquet", key);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 40] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> readAll(file, key))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("the key (version 1) does not decrypt batch " + file + ": wrong key, or the file is damaged");
    }

    @Test
    void aFileTooShortOrMissing() throws IOException {
        Path shortFile = Files.write(dir.resolve("s.parquet"), "PAR1".getBytes());
        assertThatThrownBy(() -> readAll(shortFile, null))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("batch " + shortFile + " is too short to be a Parquet file (4 bytes): truncated?");
        Path missing = dir.resolve("missing.parquet");
        assertThatThrownBy(() -> readAll(missing, null))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("batch " + missing + " cannot be read: NoSuchFileException");
    }

    @Test
    void aParquetFileThatIsNotABatch() throws IOException {
        Path file = dir.resolve("other.parquet");
        MessageType schema = MessageTypeParser.parseMessageType("message other { required int32 x; }");
        try (var writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .build()) {
            writer.write(new SimpleGroupFactory(schema).newGroup().append("x", 1));
        }
        assertThatThrownBy(() -> readAll(file, null))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("file " + file + " is Parquet but not a Ferry batch (no ferry.batch.format in its footer)");
    }

    @Test
    void aFooterThatDoesNotMatchItsColumns() throws IOException {
        Path file = dir.resolve("mismatch.parquet");
        MessageType schema = MessageTypeParser.parseMessageType("message batch { optional int32 x; }");
        try (var writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withExtraMetaData(Map.of("ferry.batch.format", "1", "ferry.batch.pgtype.0", "text",
                        "ferry.batch.encoding.0", "STRING"))
                .build()) {
            writer.write(new SimpleGroupFactory(schema).newGroup().append("x", 1));
        }
        assertThatThrownBy(() -> readAll(file, null))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("batch " + file + ": column 'x' is stored as optional int32 x, not as STRING columns (text)"
                        + " are written");
    }

    @Test
    void anUndamagedBatchReadsWhole() {
        Path file = batch("ok.parquet", TestKeys.key(1));
        try (BatchReader reader = BatchReader.open(file, TestKeys.key(1))) {
            long rows = 0;
            while (reader.next() != null) {
                rows++;
            }
            assertThat(rows).isEqualTo(20_000);
        }
    }
}
