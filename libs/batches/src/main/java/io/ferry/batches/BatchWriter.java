package io.ferry.batches;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one batch file from rows of PostgreSQL text output, converting each value to its column's
 * native Parquet type ({@link ColumnEncoding}). Memory stays flat: Parquet buffers at most one row
 * group, then flushes it to the file. The file must not exist yet; if writing fails the caller
 * deletes what is there. Not thread-safe.
 */
public final class BatchWriter implements AutoCloseable {

    private final Path file;
    private final List<BatchColumn> columns;
    private final ColumnCodec[] codecs;
    private final ParquetWriter<boolean[]> parquet;
    /** Which columns of the row being written hold a value. */
    private final boolean[] present;
    /** {@link #stageField} as the sink of {@link CopyText#forEachField}, made once rather than per row. */
    private final CopyText.FieldSink stageField = this::stageField;
    private long rows;
    private boolean closed;

    private BatchWriter(Path file, List<BatchColumn> columns, ColumnCodec[] codecs, ParquetWriter<boolean[]> parquet) {
        this.file = file;
        this.columns = columns;
        this.codecs = codecs;
        this.parquet = parquet;
        this.present = new boolean[codecs.length];
    }

    /** Creates {@code file} (which must not exist) for rows of {@code schema}. */
    public static BatchWriter create(Path file, BatchSchema schema, BatchWriterOptions options) {
        List<BatchColumn> columns = schema.columns();
        ColumnCodec[] codecs = new ColumnCodec[columns.size()];
        for (int i = 0; i < codecs.length; i++) {
            codecs[i] = ColumnCodec.of(columns.get(i).encoding(), columns.get(i).pgType());
        }
        MessageType messageType = BatchFooter.messageType(columns, codecs);
        RowWriteSupport support = new RowWriteSupport(messageType, BatchFooter.metadata(schema), codecs);
        Builder builder = new Builder(new LocalOutputFile(file), support)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(codec(options.compression()))
                .withRowGroupSize(options.rowGroupSize())
                .withPageSize(options.pageSize())
                // No dictionaries: keys, names and emails are all distinct, and Parquet hashed each value until it
                // gave up; zstd finds the repeats of the other columns (files within 4 %, docs/batches.md).
                .withDictionaryEncoding(false);
        if (options.encryption() != null) {
            builder = builder.withEncryption(BatchEncryption.encryption(options.encryption()));
        }
        try {
            return new BatchWriter(file, columns, codecs, builder.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create batch " + file, e);
        }
    }

    /**
     * Appends one row: one value per column, each as PostgreSQL prints it ({@code COPY} text output
     * after {@link CopyText#decodeRow}), {@code null} for SQL NULL.
     *
     * @throws BatchFormatException if the row has the wrong number of values or a value does not
     *                              parse as its column's type; the row is then not written and the
     *                              writer stays usable
     */
    public void write(String[] values) {
        if (closed) {
            throw new IllegalStateException("batch " + file + " is closed");
        }
        if (values.length != codecs.length) {
            throw new BatchFormatException("row " + (rows + 1) + " of batch " + file + " has " + values.length
                    + " values, expected " + codecs.length);
        }
        for (int i = 0; i < codecs.length; i++) {
            present[i] = values[i] != null;
            if (values[i] != null) {
                try {
                    codecs[i].stage(values[i]);
                } catch (InvalidValueException | NumberFormatException e) {
                    throw refused(i, e);
                }
            }
        }
        append();
    }

    /**
     * {@link #write(String[])} of the row that one line of {@code COPY} text output holds ({@link CopyText}), without
     * making a string of each value: a text or integer column takes the value's bytes as they are.
     *
     * @throws BatchFormatException as {@link #write(String[])}, or when the line is not a row of the batch's columns
     */
    public void writeCopyLine(byte[] line) {
        if (closed) {
            throw new IllegalStateException("batch " + file + " is closed");
        }
        CopyText.forEachField(line, codecs.length, stageField);
        append();
    }

    private void stageField(int i, byte[] bytes, int from, int length) {
        present[i] = bytes != null;
        if (bytes != null) {
            try {
                codecs[i].stage(bytes, from, length);
            } catch (InvalidValueException | NumberFormatException e) {
                throw refused(i, e);
            }
        }
    }

    private void append() {
        try {
            parquet.write(present);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch " + file, e);
        }
        rows++;
    }

    /** A value a codec refused; a {@link NumberFormatException}'s own message quotes the value, so it is not used. */
    private BatchFormatException refused(int column, RuntimeException e) {
        return invalid(column, e instanceof InvalidValueException ? e.getMessage() : "not a number of the type");
    }

    private BatchFormatException invalid(int column, String reason) {
        BatchColumn c = columns.get(column);
        return new BatchFormatException("row " + (rows + 1) + " of batch " + file + ", column '" + c.name() + "' ("
                + c.pgType() + "): the value is not valid " + c.encoding() + " text: " + reason);
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    /** Bytes written to the file so far plus those buffered for the current row group: for rolling batches. */
    public long dataSize() {
        return parquet.getDataSize();
    }

    /** Flushes the last row group and writes the footer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            parquet.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish batch " + file, e);
        }
    }

    private static CompressionCodecName codec(BatchWriterOptions.Compression compression) {
        return switch (compression) {
            case ZSTD -> CompressionCodecName.ZSTD;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case UNCOMPRESSED -> CompressionCodecName.UNCOMPRESSED;
        };
    }

    /** Parquet's writer builder, given our write support and no Hadoop configuration. */
    private static final class Builder extends ParquetWriter.Builder<boolean[], Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<boolean[]> getWriteSupport(Configuration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<boolean[]> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }
    }
}

