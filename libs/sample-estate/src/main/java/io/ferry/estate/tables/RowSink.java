package io.ferry.estate.tables;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Receives the rows of one table in PostgreSQL's COPY text format and counts them: rows per
 * district and rows whose registered column sets are all non-null. With a null output it only counts.
 * Columns marked to skip (PROD columns CERT lacks) are left out of the text.
 */
public final class RowSink {
    private static final HexFormat HEX = HexFormat.of();

    private final int columns;
    private final boolean[] skip;
    private final int[][] countSets;
    private final long[] setCounts;
    private final Consumer<StringBuilder> out;
    private final StringBuilder sb = new StringBuilder(1 << 17);
    private final boolean[] nonNull;
    private final long[] perDistrict;
    private int col;
    private boolean firstWritten;
    private int district = -1;
    private long rows;
    private long sharedRows;

    /**
     * @param skip columns left out of the output (may be null)
     * @param countSets column index sets to count rows of whose columns are all non-null
     * @param districts number of districts (rows outside any district are "shared")
     * @param out receives chunks of COPY text; null to count only
     */
    public RowSink(int columns, boolean[] skip, List<int[]> countSets, int districts, Consumer<StringBuilder> out) {
        this.columns = columns;
        this.skip = skip == null ? new boolean[columns] : skip;
        this.countSets = countSets.toArray(new int[0][]);
        this.setCounts = new long[this.countSets.length];
        this.out = out;
        this.nonNull = new boolean[columns];
        this.perDistrict = new long[districts];
    }

    public void district(int index) {
        district = index;
    }

    private boolean begin() {
        if (col >= columns) {
            throw new IllegalStateException("too many values: " + col);
        }
        boolean write = out != null && !skip[col];
        if (write) {
            if (firstWritten) {
                sb.append('\t');
            }
            firstWritten = true;
        }
        return write;
    }

    public RowSink nul() {
        if (begin()) {
            sb.append("\\N");
        }
        nonNull[col++] = false;
        return this;
    }

    public RowSink l(long v) {
        if (begin()) {
            sb.append(v);
        }
        nonNull[col++] = true;
        return this;
    }

    /** A key that is null when negative (local indices use -1 for none). */
    public RowSink id(long v) {
        return v <= 0 ? nul() : l(v);
    }

    public RowSink b(boolean v) {
        if (begin()) {
            sb.append(v ? 't' : 'f');
        }
        nonNull[col++] = true;
        return this;
    }

    public RowSink s(String v) {
        if (v == null) {
            return nul();
        }
        if (begin()) {
            escape(v);
        }
        nonNull[col++] = true;
        return this;
    }

    public RowSink d(LocalDate v) {
        return v == null ? nul() : raw(v.toString());
    }

    public RowSink t(Instant v) {
        return v == null ? nul() : raw(v.toString());
    }

    /** Hundredths as a numeric literal. */
    public RowSink cents(long hundredths) {
        long a = Math.abs(hundredths);
        long frac = a % 100;
        return raw((hundredths < 0 ? "-" : "") + a / 100 + (frac < 10 ? ".0" : ".") + frac);
    }

    public RowSink bytes(byte[] v) {
        return v == null ? nul() : raw("\\\\x" + HEX.formatHex(v));
    }

    /** A text[] of simple words (no quoting needed). */
    public RowSink array(String[] v) {
        return v == null ? nul() : raw("{" + String.join(",", v) + "}");
    }

    /** A value that needs no escaping. */
    public RowSink raw(String v) {
        if (begin()) {
            sb.append(v);
        }
        nonNull[col++] = true;
        return this;
    }

    private void escape(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
    }

    public void end() {
        if (col != columns) {
            throw new IllegalStateException("row has " + col + " values, table has " + columns + " columns");
        }
        for (int i = 0; i < countSets.length; i++) {
            boolean all = true;
            for (int c : countSets[i]) {
                all &= nonNull[c];
            }
            if (all) {
                setCounts[i]++;
            }
        }
        rows++;
        if (district >= 0) {
            perDistrict[district]++;
        } else {
            sharedRows++;
        }
        col = 0;
        firstWritten = false;
        if (out != null) {
            sb.append('\n');
            if (sb.length() > (1 << 16)) {
                flush();
            }
        }
        Arrays.fill(nonNull, false);
    }

    public void flush() {
        if (out != null && sb.length() > 0) {
            out.accept(sb);
            sb.setLength(0);
        }
    }

    public long rows() {
        return rows;
    }

    public long[] perDistrict() {
        return perDistrict.clone();
    }

    public long sharedRows() {
        return sharedRows;
    }

    public long setCount(int i) {
        return setCounts[i];
    }
}
