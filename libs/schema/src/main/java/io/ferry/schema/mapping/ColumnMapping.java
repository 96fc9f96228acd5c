package io.ferry.schema.mapping;

import java.util.Objects;

/**
 * How one CERT column is filled from a batch.
 *
 * @param target     the CERT column
 * @param targetType its type, as {@code format_type()} prints it
 * @param source     the batch column it comes from; null for {@link Fill#DEFAULT}, {@link Fill#VALUE}
 * @param value      the SQL literal for {@link Fill#VALUE}; null otherwise
 * @param limit      the most characters CERT's column holds (every value is checked against it, or cut to it by a
 *                   truncate rule); 0 for no limit
 */
public record ColumnMapping(String target, String targetType, String source, Fill fill, String value, int limit) {

    /** Where a CERT column's value comes from. */
    public enum Fill {
        /** The PROD value as it is (the same type, or one CERT widens to). */
        COPY,
        /** The PROD value cast to CERT's type by CERT. */
        CAST,
        /** The PROD value cut to {@link #limit} characters. */
        TRUNCATE,
        /** CERT's column default: the column is left out of the load. */
        DEFAULT,
        /** The drift rule's SQL literal. */
        VALUE
    }

    public ColumnMapping {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(fill, "fill");
        if ((source == null) != (fill == Fill.DEFAULT || fill == Fill.VALUE)) {
            throw new IllegalArgumentException("column " + target + ": " + fill + " with source " + source);
        }
    }

    /** Whether the load writes this column (a default is CERT's to fill). */
    public boolean loaded() {
        return fill != Fill.DEFAULT;
    }
}
