package io.ferry.planning;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The values of one key or reference: integers are {@link Long}, everything else is PostgreSQL's text
 * output as a {@link String}; null only in tables without a primary key. Ordered element-wise (numbers
 * numerically, text by code point, null first) so key files sort the same way everywhere.
 */
public record Tuple(Object[] values) implements Comparable<Tuple> {

    public static Tuple of(Object... values) {
        return new Tuple(values.clone());
    }

    public static Tuple of(List<?> values) {
        return new Tuple(values.toArray());
    }

    public int size() {
        return values.length;
    }

    public Object get(int i) {
        return values[i];
    }

    public boolean hasNull() {
        for (Object v : values) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }

    /** {@code col=value,col=value}: the key format of the plan and of {@code planted.json}. */
    public String describe(List<String> columns) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(columns.get(i)).append('=').append(values[i]);
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuple t && Arrays.equals(values, t.values);
    }

    /**
     * Not {@link Arrays#hashCode(Object[])}: its factor 31 gives {@code (a, b)} and {@code (a + 1, b - 31)} one hash,
     * and composite keys of sequential ids (an enrollment's section and person) fill whole chains with such pairs. An
     * odd golden-ratio factor per element leaves pairs of nearby ids apart.
     */
    @Override
    public int hashCode() {
        int h = 0;
        for (Object v : values) {
            h = (h + (v == null ? 0 : v.hashCode())) * 0x9E3779B1;
        }
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return Arrays.stream(values).map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
    }

    @Override
    public int compareTo(Tuple o) {
        int n = Math.min(values.length, o.values.length);
        for (int i = 0; i < n; i++) {
            int c = compareValues(values[i], o.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(values.length, o.values.length);
    }

    static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return a.toString().compareTo(b.toString());
    }
}
