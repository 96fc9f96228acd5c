package io.ferry.batches;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalInt;
import javax.crypto.AEADBadTagException;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.crypto.ParquetCryptoRuntimeException;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a batch file back row by row, each value as text PostgreSQL's input reads back to the value
 * that was written ({@code null} for SQL NULL), ready for {@link CopyText#encodeRow}. Holds one row
 * group in memory at a time. Every failure to read (not a batch, truncated, damaged, encrypted
 * without or with the wrong key) is a {@link BatchFormatException} naming the file. Not thread-safe.
 */
public final class BatchReader implements AutoCloseable {

    private static final int MAGIC_LENGTH = 4;
    private static final String PLAINTEXT_MAGIC = "PAR1";
    private static final String ENCRYPTED_MAGIC = "PARE";

    /** Parquet's column readers want a converter per column; values are taken from the readers instead. */
    private static final GroupConverter NO_CONVERTER = new GroupConverter() {
        private final PrimitiveConverter primitive = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return primitive;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    };

    private final Path file;
    private final ParquetFileReader parquet;
    private final BatchSchema schema;
    private final ColumnCodec[] codecs;
    private final MessageType messageType;
    private final List<ColumnDescriptor> descriptors;
    private final String createdBy;
    private final ColumnReader[] readers;
    private long rowsLeftInGroup;
    /** The row group being read, from 1; 0 before the first. */
    private int rowGroup;

    private BatchReader(Path file, ParquetFileReader parquet, BatchFooter.Described described) {
        this.file = file;
        this.parquet = parquet;
        this.schema = described.schema();
        this.codecs = described.codecs();
        FileMetaData metadata = parquet.getFileMetaData();
        this.messageType = metadata.getSchema();
        this.descriptors = messageType.getColumns();
        this.createdBy = metadata.getCreatedBy();
        this.readers = new ColumnReader[codecs.length];
    }

    /**
     * Opens a batch.
     *
     * @param key the key an encrypted batch needs, or {@code null}; a plaintext batch is read either way
     * @throws BatchFormatException if the file is not a readable batch, or is encrypted and {@code
     *                              key} is missing, of another version, or does not decrypt it
     */
    public static BatchReader open(Path file, FileKey key) {
        boolean encrypted = encrypted(file);
        ParquetReadOptions.Builder options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .usePageChecksumVerification(true);
        if (encrypted) {
            options.withDecryption(BatchEncryption.decryption(file, key));
        }
        ParquetFileReader parquet;
        try {
            parquet = ParquetFileReader.open(new LocalInputFile(file), options.build());
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, encrypted, key, e);
        }
        try {
            FileMetaData metadata = parquet.getFileMetaData();
            return new BatchReader(file, parquet,
                    BatchFooter.describe(file, metadata.getSchema(), metadata.getKeyValueMetaData()));
        } catch (RuntimeException e) {
            closeQuietly(parquet);
            throw e;
        }
    }

    /**
     * The version of the key an encrypted batch needs, read without the key; empty for a plaintext
     * batch or an encrypted one that names no version.
     */
    public static OptionalInt keyVersion(Path file) {
        if (!encrypted(file)) {
            return OptionalInt.empty();
        }
        int[] version = new int[1];
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withDecryption(FileDecryptionProperties.builder()
                        .withKeyRetriever(metadata -> {
                            version[0] = BatchEncryption.version(metadata);
                            throw new KeyVersionFound();
                        })
                        .build())
                .build();
        try (ParquetFileReader ignored = ParquetFileReader.open(new LocalInputFile(file), options)) {
            // an encrypted footer is never read without asking the retriever for its key
        } catch (IOException | RuntimeException e) {
            if (find(e, KeyVersionFound.class) == null) {
                throw unreadable(file, true, null, e);
            }
        }
        return version[0] > 0 ? OptionalInt.of(version[0]) : OptionalInt.empty();
    }

    /** The columns and properties the batch was written with. */
    public BatchSchema schema() {
        return schema;
    }

    /** The number of rows in the batch, from its footer. */
    public long rows() {
        return parquet.getRecordCount();
    }

    /** The next row, one text value per column ({@code null} for SQL NULL), or {@code null} after the last. */
    public String[] next() {
        try {
            while (rowsLeftInGroup == 0) {
                if (rowGroup == parquet.getRowGroups().size()) {
                    return null;
                }
                rowGroup++;
                PageReadStore pages = parquet.readNextRowGroup();
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, NO_CONVERTER, messageType, createdBy);
                for (int i = 0; i < readers.length; i++) {
                    readers[i] = store.getColumnReader(descriptors.get(i));
                }
                rowsLeftInGroup = pages.getRowCount();
            }
            String[] row = new String[readers.length];
            for (int i = 0; i < readers.length; i++) {
                ColumnReader reader = readers[i];
                if (reader.getCurrentDefinitionLevel() > 0) {
                    row[i] = codecs[i].read(reader);
                }
                reader.consume();
            }
            rowsLeftInGroup--;
            return row;
        } catch (IOException | RuntimeException e) {
            throw new BatchFormatException("batch " + file + " is damaged: row group " + rowGroup + " cannot be read", e);
        }
    }

    @Override
    public void close() {
        try {
            parquet.close();
        } catch (IOException e) {
            throw new BatchFormatException("batch " + file + " cannot be closed", e);
        }
    }

    /** Whether the file ends as an encrypted-footer Parquet file does; fails if it is no Parquet file at all. */
    private static boolean encrypted(Path file) {
        String magic;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 2L * MAGIC_LENGTH + 4) {
                throw new BatchFormatException("batch " + file + " is too short to be a Parquet file (" + size
                        + " bytes): truncated?");
            }
            ByteBuffer tail = ByteBuffer.allocate(MAGIC_LENGTH);
            while (tail.hasRemaining() && channel.read(tail, size - MAGIC_LENGTH + tail.position()) > 0) {
                // reads the last four bytes
            }
            magic = new String(tail.array(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new BatchFormatException("batch " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
        return switch (magic) {
            case ENCRYPTED_MAGIC -> true;
            case PLAINTEXT_MAGIC -> false;
            default -> throw new BatchFormatException("batch " + file
                    + " does not end with Parquet's magic bytes: truncated, or not a Parquet file");
        };
    }

    private static BatchFormatException unreadable(Path file, boolean encrypted, FileKey key, Exception e) {
        BatchFormatException ours = find(e, BatchFormatException.class);
        if (ours != null) {
            return new BatchFormatException(ours.getMessage());
        }
        boolean cryptoFailed = find(e, AEADBadTagException.class) != null
                || find(e, ParquetCryptoRuntimeException.class) != null;
        if (encrypted && key != null && cryptoFailed) {
            return new BatchFormatException("the key (version " + key.version() + ") does not decrypt batch " + file
                    + ": wrong key, or the file is damaged");
        }
        return new BatchFormatException("batch " + file + " is not a readable Parquet file: damaged or truncated", e);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static void closeQuietly(ParquetFileReader parquet) {
        try {
            parquet.close();
        } catch (IOException | RuntimeException e) {
            // already failing with a better error
        }
    }

    /** Stops {@link #keyVersion} once Parquet has handed over the footer key's metadata. */
    private static final class KeyVersionFound extends RuntimeException {
        KeyVersionFound() {
            super("key version found", null, false, false);
        }
    }
}
