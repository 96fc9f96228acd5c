package io.ferry.batches;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The precision and scale of a {@code numeric(p,s)} column stored as Parquet DECIMAL(p,s). */
record DecimalType(int precision, int scale) {

    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d{1,4})(?:,(-?\\d{1,4}))?\\)");

    /**
     * The DECIMAL type for {@code pgType}, or {@code null} if it has none: Parquet's DECIMAL needs 1
     * ≤ p ≤ 38 and 0 ≤ s ≤ p, so unconstrained {@code numeric}, precisions above 38, and PostgreSQL
     * 15's negative scales and scales above the precision travel as text.
     */
    static DecimalType of(String pgType) {
        Matcher m = NUMERIC.matcher(pgType);
        if (!m.matches()) {
            return null;
        }
        int precision = Integer.parseInt(m.group(1));
        int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return precision >= 1 && precision <= 38 && scale >= 0 && scale <= precision
                ? new DecimalType(precision, scale) : null;
    }
}
