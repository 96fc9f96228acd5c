package io.ferry.batches;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a column's values are stored in a batch, chosen from PostgreSQL's {@code format_type()} by
 * {@link #of}. Common scalars get a native Parquet type where every value, special ones included,
 * comes back with the same text; every other type travels as {@link #TEXT}: its PostgreSQL text
 * output, loaded back as text. The file keeps each column's {@code pgType} and encoding, so a
 * reader never has to guess.
 */
public enum ColumnEncoding {
    /** {@code smallint}: INT32 annotated INT(16, signed). */
    SMALLINT,
    /** {@code integer}: INT32. */
    INTEGER,
    /** {@code bigint}: INT64. */
    BIGINT,
    /** {@code real}: FLOAT; NaN, ±Infinity and -0 are IEEE values. */
    REAL,
    /** {@code double precision}: DOUBLE; NaN, ±Infinity and -0 are IEEE values. */
    DOUBLE,
    /** {@code boolean}: BOOLEAN, text {@code t}/{@code f}. */
    BOOLEAN,
    /** {@code text}, {@code character varying[(n)]}, {@code name}, {@code "char"}: BINARY annotated STRING. */
    STRING,
    /** {@code bytea}: BINARY holding the raw bytes; text in hex form {@code \x0a1b}. */
    BYTEA,
    /** {@code date}: INT32 DATE (days since 1970-01-01); ±infinity as {@code Integer.MAX_VALUE}/{@code MIN_VALUE}. */
    DATE,
    /**
     * {@code timestamp[(p)] without time zone}: INT64 TIMESTAMP(MICROS, isAdjustedToUTC=false);
     * ±infinity as {@code Long.MAX_VALUE}/{@code MIN_VALUE}.
     */
    TIMESTAMP,
    /**
     * {@code timestamp[(p)] with time zone}: INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true), printed
     * in UTC; ±infinity as {@code Long.MAX_VALUE}/{@code MIN_VALUE}.
     */
    TIMESTAMPTZ,
    /** {@code uuid}: FIXED_LEN_BYTE_ARRAY(16) annotated UUID. */
    UUID,
    /**
     * {@code numeric(p,s)} with 1 ≤ p ≤ 38 and 0 ≤ s ≤ p: DECIMAL(p,s) on INT32 (p ≤ 9), INT64 (p ≤
     * 18) or the smallest FIXED_LEN_BYTE_ARRAY. PostgreSQL allows {@code NaN} in such a column; it is
     * stored as the physical type's minimum value, which lies outside the declared precision.
     */
    DECIMAL,
    /** Any other type: BINARY annotated STRING holding PostgreSQL's text output of the value. */
    TEXT;

    private static final Pattern VARCHAR = Pattern.compile("character varying\\(\\d+\\)");
    private static final Pattern TIMESTAMP_P = Pattern.compile("timestamp\\(\\d\\) (with|without) time zone");

    /** The encoding of a column whose type {@code format_type()} prints as {@code pgType}. */
    public static ColumnEncoding of(String pgType) {
        return switch (pgType) {
            case "smallint" -> SMALLINT;
            case "integer" -> INTEGER;
            case "bigint" -> BIGINT;
            case "real" -> REAL;
            case "double precision" -> DOUBLE;
            case "boolean" -> BOOLEAN;
            case "text", "character varying", "name", "\"char\"" -> STRING;
            case "bytea" -> BYTEA;
            case "date" -> DATE;
            case "timestamp without time zone" -> TIMESTAMP;
            case "timestamp with time zone" -> TIMESTAMPTZ;
            case "uuid" -> UUID;
            default -> ofModified(pgType);
        };
    }

    private static ColumnEncoding ofModified(String pgType) {
        if (VARCHAR.matcher(pgType).matches()) {
            return STRING;
        }
        Matcher timestamp = TIMESTAMP_P.matcher(pgType);
        if (timestamp.matches()) {
            return timestamp.group(1).equals("with") ? TIMESTAMPTZ : TIMESTAMP;
        }
        return DecimalType.of(pgType) != null ? DECIMAL : TEXT;
    }
}
