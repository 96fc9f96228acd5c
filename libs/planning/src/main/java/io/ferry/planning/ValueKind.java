package io.ferry.planning;

import io.ferry.schema.model.Column;
import java.util.Set;

/**
 * How the engine holds a column's values: integers as {@link Long} (they go into Roaring bitmaps),
 * everything else as text. A reference compares values in the kind of the column it points at, so a
 * Neo4j string {@code "17"} matches a PostgreSQL {@code bigint} 17.
 */
public enum ValueKind {
    INTEGER, TEXT;

    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint", "int2", "int4", "int8",
            "Long", "Integer", "INTEGER");

    public static ValueKind of(Column column) {
        return INTEGER_TYPES.contains(column.type()) ? INTEGER : TEXT;
    }

    /** The value in this kind, or null when it cannot be one (a JSON value that is not a number). */
    public Object convert(Object value) {
        if (value == null) {
            return null;
        }
        if (this == TEXT) {
            return value.toString();
        }
        if (value instanceof Long) {
            return value;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
