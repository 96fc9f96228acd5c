package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchEncryptionTest {

    private static final List<String> MARKERS = List.of("Zebediah-Quarrington", "zebediah.quarrington@example.org",
            "Quarrington");
    private static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE);

    @TempDir
    Path dir;

    private static final BatchSchema SCHEMA = new BatchSchema(List.of(
            new BatchColumn("id", "integer"),
            new BatchColumn("full_name", "character varying(80)"),
            new BatchColumn("email", "text"),
            new BatchColumn("profile", "jsonb"),
            new BatchColumn("photo", "bytea")),
            Map.of("store", "ids", "table", "public.person"));

    private static Path writePeople(Path file, BatchWriterOptions options) {
        try (BatchWriter writer = BatchWriter.create(file, SCHEMA, options)) {
            for (int i = 0; i < 2_000; i++) {
                boolean marked = i % 100 == 7;
                writer.write(new String[] {
                        Integer.toString(i),
                        marked ? "Zebediah-Quarrington" : "Person " + i,
                        marked ? "zebediah.quarrington@example.org" : "p" + i + "@example.org",
                        marked ? "{\"name\": \"Zebediah-Quarrington\"}" : "{}",
                        "\\x" + (marked ? hex("Quarrington") : "00")});
            }
        }
        return file;
    }

    private static String hex(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }

    /** Every marker, in every charset, found anywhere in any file under {@code root}. */
    private static List<String> markersIn(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String marker : MARKERS) {
                    for (Charset charset : CHARSETS) {
                        String encoded = new String(marker.getBytes(charset), StandardCharsets.ISO_8859_1);
                        if (bytes.contains(encoded)) {
                            found.add(file.getFileName() + ": " + marker + " in " + charset);
                        }
                    }
                }
            }
        }
        return found;
    }

    @ParameterizedTest
    @EnumSource(BatchWriterOptions.Compression.class)
    void anEncryptedBatchHoldsNoneOfItsValuesInTheClear(BatchWriterOptions.Compression compression) throws IOException {
        Path encrypted = Files.createDirectory(dir.resolve("encrypted"));
        writePeople(encrypted.resolve("part-0.parquet"),
                BatchWriterOptions.defaults().withCompression(compression).withEncryption(TestKeys.key(1)));
        assertThat(markersIn(encrypted)).isEmpty();
        try (Stream<Path> files = Files.list(encrypted)) {
            assertThat(files.toList()).as("no temp files are left beside the batch")
                    .containsExactly(encrypted.resolve("part-0.parquet"));
        }

        Path plaintext = Files.createDirectory(dir.resolve("plaintext"));
        writePeople(plaintext.resolve("part-0.parquet"), BatchWriterOptions.defaults().withCompression(compression));
        assertThat(markersIn(plaintext)).as("the same rows in plaintext do show the markers: the scan works")
                .anyMatch(found -> found.contains("Zebediah-Quarrington in UTF-8"));
    }

    @Test
    void theRightKeyReadsItBack() {
        Path file = writePeople(dir.resolve("b.parquet"), BatchWriterOptions.defaults().withEncryption(TestKeys.key(3)));
        try (BatchReader reader = BatchReader.open(file, TestKeys.key(3))) {
            assertThat(reader.schema()).isEqualTo(SCHEMA);
            assertThat(reader.rows()).isEqualTo(2_000);
            String[] first = reader.next();
            assertThat(first).containsExactly("0", "Person 0", "p0@example.org", "{}", "\\x00");
        }
    }

    @Test
    void withoutAKeyTheErrorSaysWhichKeyIsNeeded() {
        Path file = writePeople(dir.resolve("b.parquet"), BatchWriterOptions.defaults().withEncryption(TestKeys.key(3)));
        assertThatThrownBy(() -> BatchReader.open(file, null))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("batch " + file + " is encrypted; the raw-file key (version 3) is required")
                .hasNoCause();
    }

    @Test
    void aWrongKeyIsToldApartFromAMissingOne() {
        Path file = writePeople(dir.resolve("b.parquet"), BatchWriterOptions.defaults().withEncryption(TestKeys.key(3)));
        assertThatThrownBy(() -> BatchReader.open(file, TestKeys.key(3, 999)))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("the key (version 3) does not decrypt batch " + file + ": wrong key, or the file is damaged")
                .hasNoCause();
        assertThatThrownBy(() -> BatchReader.open(file, TestKeys.key(4)))
                .isInstanceOf(BatchFormatException.class)
                .hasMessage("batch " + file + " is encrypted with key version 3; the key given is version 4")
                .hasNoCause();
    }

    @Test
    void theKeyVersionIsReadableWithoutTheKey() {
        Path encrypted = writePeople(dir.resolve("e.parquet"), BatchWriterOptions.defaults().withEncryption(TestKeys.key(7)));
        Path plaintext = writePeople(dir.resolve("p.parquet"), BatchWriterOptions.defaults());
        assertThat(BatchReader.keyVersion(encrypted)).isEqualTo(OptionalInt.of(7));
        assertThat(BatchReader.keyVersion(plaintext)).isEmpty();
    }

    @Test
    void aPlaintextBatchIsReadEvenWhenAKeyIsGiven() {
        Path file = writePeople(dir.resolve("p.parquet"), BatchWriterOptions.defaults());
        try (BatchReader reader = BatchReader.open(file, TestKeys.key(1))) {
            assertThat(reader.next()).startsWith("0", "Person 0");
        }
    }
}
