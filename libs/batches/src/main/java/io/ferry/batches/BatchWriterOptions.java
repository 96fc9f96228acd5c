package io.ferry.batches;

/**
 * How a {@link BatchWriter} writes: start from {@link #defaults()} and change what differs.
 *
 * @param encryption   the key that encrypts the file (Parquet modular encryption, AES-GCM, footer
 *                     and every column), or {@code null} for a plaintext file
 * @param compression  page compression
 * @param rowGroupSize bytes of a row group; the writer buffers at most one row group in memory
 * @param pageSize     bytes of a data page
 */
public record BatchWriterOptions(FileKey encryption, Compression compression, long rowGroupSize, int pageSize) {

    /** Page compression codecs. */
    public enum Compression {
        /**
         * The default, level 3: about a quarter smaller than Snappy on typical rows for about 15 %
         * more writer CPU (measured in {@code docs/batches.md}): staging holds and moves less.
         */
        ZSTD,
        /** A little cheaper to write, larger files. */
        SNAPPY,
        UNCOMPRESSED
    }

    public static final Compression DEFAULT_COMPRESSION = Compression.ZSTD;
    public static final long DEFAULT_ROW_GROUP_SIZE = 32L * 1024 * 1024;
    public static final int DEFAULT_PAGE_SIZE = 1024 * 1024;

    public BatchWriterOptions {
        if (compression == null) {
            throw new IllegalArgumentException("batch compression is missing");
        }
        if (rowGroupSize < 64 * 1024) {
            throw new IllegalArgumentException("a batch row group is at least 64 KiB, got " + rowGroupSize + " bytes");
        }
        if (pageSize < 1024 || pageSize > rowGroupSize) {
            throw new IllegalArgumentException("a batch page is at least 1 KiB and at most a row group, got "
                    + pageSize + " bytes");
        }
    }

    /** Plaintext, {@link #DEFAULT_COMPRESSION}, 32 MiB row groups, 1 MiB pages. */
    public static BatchWriterOptions defaults() {
        return new BatchWriterOptions(null, DEFAULT_COMPRESSION, DEFAULT_ROW_GROUP_SIZE, DEFAULT_PAGE_SIZE);
    }

    public BatchWriterOptions withEncryption(FileKey key) {
        return new BatchWriterOptions(key, compression, rowGroupSize, pageSize);
    }

    public BatchWriterOptions withCompression(Compression codec) {
        return new BatchWriterOptions(encryption, codec, rowGroupSize, pageSize);
    }

    public BatchWriterOptions withRowGroupSize(long bytes) {
        return new BatchWriterOptions(encryption, compression, bytes, pageSize);
    }

    public BatchWriterOptions withPageSize(int bytes) {
        return new BatchWriterOptions(encryption, compression, rowGroupSize, bytes);
    }
}
