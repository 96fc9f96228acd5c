package io.ferry.batches;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a batch, in row order, and free key/value properties kept in the Parquet footer's
 * key-value metadata (the extractor records the store, the table and the schema fingerprint there).
 * Keys starting with {@value #RESERVED_PREFIX} belong to the format itself.
 */
public record BatchSchema(List<BatchColumn> columns, Map<String, String> properties) {

    /** Prefix of the footer keys the format writes for itself: format version, column types. */
    public static final String RESERVED_PREFIX = "ferry.batch.";
    /** Property of an anonymized batch: the version of the anonymization key its values were made with. */
    public static final String ANONYMIZATION_KEY_VERSION = "ferry.anonymize.key-version";

    public BatchSchema {
        columns = List.copyOf(columns);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one column");
        }
        Set<String> names = new HashSet<>();
        for (BatchColumn column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("batch column '" + column.name() + "' appears twice");
            }
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (property.getKey() == null || property.getKey().isEmpty() || property.getValue() == null) {
                throw new IllegalArgumentException("batch properties need non-empty keys and non-null values");
            }
            if (property.getKey().startsWith(RESERVED_PREFIX)) {
                throw new IllegalArgumentException("batch property '" + property.getKey() + "' uses the reserved prefix "
                        + RESERVED_PREFIX);
            }
        }
    }

    /** A schema without properties. */
    public static BatchSchema of(BatchColumn... columns) {
        return new BatchSchema(List.of(columns), Map.of());
    }
}
