package io.ferry.batches;

/**
 * One column of a batch.
 *
 * @param name   the column's name in PostgreSQL (the Parquet field's name)
 * @param pgType its type as PostgreSQL's {@code format_type()} prints it: {@code integer}, {@code
 *               numeric(10,2)}, {@code character varying(40)}, {@code timestamp with time zone},
 *               {@code text[]}, {@code public.mpaa_rating}; decides the {@link ColumnEncoding}
 */
public record BatchColumn(String name, String pgType) {

    public BatchColumn {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a batch column needs a name");
        }
        if (pgType == null || pgType.isBlank()) {
            throw new IllegalArgumentException("batch column '" + name + "' needs its PostgreSQL type");
        }
    }

    /** How this column's values are stored. */
    public ColumnEncoding encoding() {
        return ColumnEncoding.of(pgType);
    }
}
