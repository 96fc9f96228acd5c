package io.ferry.staging.checksum;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One checksum of a set of rows that Java computes over batch rows and PostgreSQL over table rows, with the same
 * result when both hold the same rows in any order. A row is a list of canonical texts (a value as its type's
 * output function writes it under Ferry's session formats, which is what {@code COPY} writes and batches keep;
 * null for SQL NULL; see {@link #canonicalTextSql}), encoded
 * without ambiguity as {@code N} for NULL or {@code <characters>:<text>} per value, joined by commas. Each
 * row's encoding is hashed with MD5 (PostgreSQL's {@code md5}, so no server extension is needed); the first 64
 * bits of each hash are summed modulo 2^64, which does not depend on row order and counts duplicates.
 * PostgreSQL's side assumes a UTF-8 database, as {@code md5(text)} hashes the text's bytes.
 */
public final class CanonicalChecksum {

    private static final BigDecimal TWO_TO_64 = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(64));

    private final MessageDigest md5;
    /** Reused for every row: {@link #add} runs once per batch row. */
    private final StringBuilder row = new StringBuilder();
    private long rows;
    private long sum;

    public CanonicalChecksum() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** The checksum of rows counted elsewhere: {@code rows} and the 64-bit sum of their hashes. */
    public record Value(long rows, long sum) {

        /** The sum as 16 hex digits, for results and messages. */
        public String hex() {
            return HexFormat.of().toHexDigits(sum);
        }
    }

    /** Adds one row; {@code values} are the compared columns' canonical texts, null for NULL. */
    public void add(String[] values) {
        row.setLength(0);
        encode(values, row);
        byte[] hash = md5.digest(row.toString().getBytes(StandardCharsets.UTF_8));
        long first = 0;
        for (int i = 0; i < 8; i++) {
            first = first << 8 | (hash[i] & 0xff);
        }
        sum += first;
        rows++;
    }

    public Value value() {
        return new Value(rows, sum);
    }

    /** The row's encoding that is hashed; see the class comment. */
    static String encode(String[] values) {
        StringBuilder text = new StringBuilder();
        encode(values, text);
        return text.toString();
    }

    private static void encode(String[] values, StringBuilder text) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            String v = values[i];
            if (v == null) {
                text.append('N');
            } else {
                text.append(v.codePointCount(0, v.length())).append(':').append(v);
            }
        }
    }

    /**
     * The canonical text of a PostgreSQL value. Not {@code ::text}: that cast writes a boolean as {@code true}
     * where {@code COPY} writes {@code t}, and drops a {@code char(n)}'s padding; {@code concat} goes through the
     * type's output function, as {@code COPY} does, but turns NULL into an empty string, hence the CASE.
     */
    public static String canonicalTextSql(String expression) {
        return "CASE WHEN (" + expression + ") IS NULL THEN NULL ELSE concat(" + expression + ") END";
    }

    /**
     * PostgreSQL's two aggregates over rows whose compared columns' canonical texts are the given expressions
     * ({@code text} typed), in order: the row count and the sum of the hashes as {@code numeric}; read them back
     * with {@link #fromSql}.
     */
    public static String aggregatesSql(List<String> textExpressions) {
        List<String> parts = new ArrayList<>();
        for (String e : textExpressions) {
            parts.add("coalesce(length(" + e + ")::text || ':' || " + e + ", 'N')");
        }
        String encoded = parts.isEmpty() ? "''" : String.join(" || ',' || ", parts);
        return "count(*), coalesce(sum(('x' || left(md5(" + encoded + "), 16))::bit(64)::bigint), 0)";
    }

    /** The value of {@link #aggregatesSql}'s two results (the sum reduced modulo 2^64, as Java's sum wraps). */
    public static Value fromSql(long rows, BigDecimal sum) {
        BigDecimal reduced = sum.remainder(TWO_TO_64);
        return new Value(rows, reduced.toBigIntegerExact().longValue());
    }
}
