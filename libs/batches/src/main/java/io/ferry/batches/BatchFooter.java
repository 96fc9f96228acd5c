package io.ferry.batches;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * What a batch keeps in its Parquet footer besides the rows: the format version, each column's
 * {@code format_type()} and encoding (by position, so a later change of {@link ColumnEncoding#of}
 * never misreads an older file), and the caller's properties.
 */
final class BatchFooter {

    private static final String FORMAT = BatchSchema.RESERVED_PREFIX + "format";
    private static final String FORMAT_VERSION = "1";
    private static final String PG_TYPE = BatchSchema.RESERVED_PREFIX + "pgtype.";
    private static final String ENCODING = BatchSchema.RESERVED_PREFIX + "encoding.";

    private BatchFooter() {
    }

    /** The Parquet schema of a batch: one nullable field per column, named as the column. */
    static MessageType messageType(List<BatchColumn> columns, ColumnCodec[] codecs) {
        List<Type> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < codecs.length; i++) {
            fields.add(codecs[i].parquetType(columns.get(i).name()));
        }
        return Types.buildMessage().addFields(fields.toArray(Type[]::new)).named("batch");
    }

    /** The key-value metadata that describes {@code schema}. */
    static Map<String, String> metadata(BatchSchema schema) {
        Map<String, String> metadata = new LinkedHashMap<>(schema.properties());
        metadata.put(FORMAT, FORMAT_VERSION);
        List<BatchColumn> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            metadata.put(PG_TYPE + i, columns.get(i).pgType());
            metadata.put(ENCODING + i, columns.get(i).encoding().name());
        }
        return metadata;
    }

    /** The columns a batch was written with; checks that their Parquet types are what the encodings write. */
    static Described describe(Path file, MessageType parquet, Map<String, String> metadata) {
        if (!FORMAT_VERSION.equals(metadata.get(FORMAT))) {
            throw new BatchFormatException(metadata.containsKey(FORMAT)
                    ? "batch " + file + " has format version " + metadata.get(FORMAT) + "; this reader knows "
                            + FORMAT_VERSION
                    : "file " + file + " is Parquet but not a Ferry batch (no " + FORMAT + " in its footer)");
        }
        List<Type> fields = parquet.getFields();
        List<BatchColumn> columns = new ArrayList<>(fields.size());
        ColumnCodec[] codecs = new ColumnCodec[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Type field = fields.get(i);
            String pgType = metadata.get(PG_TYPE + i);
            String encodingName = metadata.get(ENCODING + i);
            ColumnEncoding encoding = encodingName == null ? null : encoding(encodingName);
            if (pgType == null || encoding == null) {
                throw new BatchFormatException("batch " + file + ": column " + (i + 1) + " '" + field.getName()
                        + "' has no type or encoding in the footer");
            }
            ColumnCodec codec;
            try {
                codec = ColumnCodec.of(encoding, pgType);
            } catch (IllegalArgumentException e) {
                throw new BatchFormatException("batch " + file + ": column '" + field.getName() + "' " + e.getMessage());
            }
            if (!codec.parquetType(field.getName()).equals(field)) {
                throw new BatchFormatException("batch " + file + ": column '" + field.getName() + "' is stored as "
                        + field + ", not as " + encoding + " columns (" + pgType + ") are written");
            }
            columns.add(new BatchColumn(field.getName(), pgType));
            codecs[i] = codec;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (!key.startsWith(BatchSchema.RESERVED_PREFIX)) {
                properties.put(key, value);
            }
        });
        return new Described(new BatchSchema(columns, properties), codecs);
    }

    private static ColumnEncoding encoding(String name) {
        try {
            return ColumnEncoding.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A batch's schema and the codecs that read its columns. */
    record Described(BatchSchema schema, ColumnCodec[] codecs) {
    }
}
