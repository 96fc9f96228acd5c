package io.ferry.planning;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

/**
 * The rows the first pass included, as the engine read them, so that later passes answer their questions
 * from memory instead of asking PROD again. A later pass only drops rows (its bans grow), so every row
 * one of its questions can match was included by the first pass: for an asked value, the first pass asked
 * the same value (or already held the one row with that key), in the same snapshot and under the same
 * table filter. Memory answers only where its equality is PostgreSQL's (integers, text and varchar);
 * other columns, and everything once the memo outgrew its budget, are asked from PROD as before.
 */
final class RowMemo {
    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");

    private final EstateSchema schema;
    private final long budgetBytes;
    private final Map<TableId, Rows> tables = new HashMap<>();
    private long bytes;
    private boolean recording = true;
    private boolean overflowed;

    RowMemo(EstateSchema schema, long budgetBytes) {
        this.schema = schema;
        this.budgetBytes = budgetBytes;
    }

    boolean recording() {
        return recording;
    }

    /** Ends the first pass: from now on the memo answers (unless it outgrew its budget). */
    void stopRecording() {
        recording = false;
    }

    boolean answers() {
        return !recording && !overflowed;
    }

    /** A row first included by the first pass, with the engine's projections of its table. */
    void record(TableId table, List<Projection> projections, Object[] row) {
        if (overflowed) {
            return;
        }
        bytes += tables.computeIfAbsent(table, t -> new Rows(projections)).add(row);
        if (bytes > budgetBytes) {
            overflowed = true;
            tables.clear();
        }
    }

    /**
     * Lets go of every row once the closure is final: the engine, and with it this memo, lives as long as the
     * closure's key sets (through the whole extraction), and the rows would take tens of MB of its heap.
     */
    void release() {
        overflowed = true;
        tables.clear();
        bytes = 0;
    }

    /** About how many bytes of rows the memo holds. */
    long heldBytes() {
        return bytes;
    }

    /** {@code prod}'s questions of the engine's rounds, answered from memory where that is exact. */
    RowSource over(RowSource prod) {
        return new RowSource() {
            @Override
            public void select(TableId table, List<String> matchColumns, Collection<Tuple> values,
                    List<Projection> projections, String filter, RowSink sink) {
                if (!RowMemo.this.select(table, matchColumns, values, projections, sink)) {
                    prod.select(table, matchColumns, values, projections, filter, sink);
                }
            }

            @Override
            public void scan(TableId table, List<Projection> projections, String filter, RowSink sink) {
                // The engine scans copy-all tables (all included by the first pass) and JSON-path tables
                // without a key, whose rows it then matches against values the first pass asked too.
                Rows rows = tables.get(table);
                if (rows == null) {
                    return;
                }
                if (rows.projections.equals(projections)) {
                    rows.forEach(null, sink);
                } else {
                    prod.scan(table, projections, filter, sink);
                }
            }
        };
    }

    /** Answers from memory and returns true, or returns false when PROD must answer. */
    private boolean select(TableId table, List<String> matchColumns, Collection<Tuple> values,
            List<Projection> projections, RowSource.RowSink sink) {
        Table t = schema.table(table).orElse(null);
        if (!answers() || t == null) {
            return false;
        }
        for (int c = 0; c < matchColumns.size(); c++) {
            Column column = t.column(matchColumns.get(c)).orElse(null);
            if (column == null || !exact(column, values, c)) {
                return false;
            }
        }
        Rows rows = tables.get(table);
        if (rows == null) {
            return true; // the first pass included none of its rows, so none can match
        }
        if (!rows.projections.equals(projections)) {
            return false;
        }
        int[] at = new int[matchColumns.size()];
        for (int c = 0; c < at.length; c++) {
            at[c] = projections.indexOf(Projection.column(matchColumns.get(c)));
            if (at[c] < 0) {
                return false;
            }
        }
        rows.forEach(new Match(at, values), sink);
        return true;
    }

    /** Whether Java equality of the asked values and the stored ones is the column's equality in PostgreSQL. */
    private static boolean exact(Column column, Collection<Tuple> values, int index) {
        Class<?> kind;
        if (INTEGER_TYPES.contains(column.type())) {
            kind = Long.class;
        } else if (column.type().equals("text") || column.type().startsWith("character varying")) {
            kind = String.class;
        } else {
            return false;
        }
        for (Tuple v : values) {
            if (!kind.isInstance(v.get(index))) {
                return false;
            }
        }
        return true;
    }

    /** The rows whose match columns hold one of the asked values. */
    private static final class Match {
        private final int[] at;
        private final Roaring64NavigableMap longs;
        private final Set<Tuple> tuples;

        Match(int[] at, Collection<Tuple> values) {
            this.at = at;
            if (at.length == 1 && !values.isEmpty() && values.iterator().next().get(0) instanceof Long) {
                longs = new Roaring64NavigableMap(true);
                values.forEach(v -> longs.addLong((Long) v.get(0)));
                tuples = null;
            } else {
                longs = null;
                tuples = values instanceof Set<Tuple> s ? s : new HashSet<>(values);
            }
        }

        boolean test(Rows rows, int i) {
            if (longs != null) {
                Values column = rows.columns[at[0]];
                return column.isLong(i) && longs.contains(column.longAt(i));
            }
            Object[] key = new Object[at.length];
            for (int c = 0; c < at.length; c++) {
                key[c] = rows.columns[at[c]].get(i);
                if (key[c] == null) {
                    return false;
                }
            }
            return tuples.contains(new Tuple(key));
        }
    }

    /** One table's rows, column by column: integers unboxed, the rest as the source gave them. */
    private static final class Rows {
        final List<Projection> projections;
        final Values[] columns;
        int size;

        Rows(List<Projection> projections) {
            this.projections = projections;
            this.columns = new Values[projections.size()];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = new Values();
            }
        }

        /** Adds a row; returns about how many bytes it holds. */
        long add(Object[] row) {
            long added = 0;
            for (int c = 0; c < columns.length; c++) {
                added += columns[c].add(size, row[c]);
            }
            size++;
            return added;
        }

        void forEach(Match match, RowSource.RowSink sink) {
            for (int i = 0; i < size; i++) {
                if (match == null || match.test(this, i)) {
                    Object[] row = new Object[columns.length];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = columns[c].get(i);
                    }
                    sink.accept(row);
                }
            }
        }
    }

    /** A column's values: {@code long}s with a null mask while every value is a Long, objects after. */
    private static final class Values {
        private long[] longs = new long[16];
        private final BitSet nulls = new BitSet();
        private Object[] objects;

        long add(int i, Object value) {
            if (objects == null && value != null && !(value instanceof Long)) {
                objects = new Object[longs.length];
                for (int k = 0; k < i; k++) {
                    objects[k] = nulls.get(k) ? null : longs[k];
                }
                longs = null;
            }
            if (objects != null) {
                if (i == objects.length) {
                    objects = Arrays.copyOf(objects, i * 2);
                }
                objects[i] = value;
                return value instanceof String s ? 48 + s.length() : 24;
            }
            if (i == longs.length) {
                longs = Arrays.copyOf(longs, i * 2);
            }
            if (value == null) {
                nulls.set(i);
            } else {
                longs[i] = (Long) value;
            }
            return 8;
        }

        boolean isLong(int i) {
            return objects != null ? objects[i] instanceof Long : !nulls.get(i);
        }

        long longAt(int i) {
            return longs != null ? longs[i] : (Long) objects[i];
        }

        Object get(int i) {
            return objects != null ? objects[i] : nulls.get(i) ? null : (Object) longs[i];
        }
    }
}
