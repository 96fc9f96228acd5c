package io.ferry.planning;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small hand-made stores for the rule tests: a schema plus rows, served by a {@link RowSource} per store. */
final class MemoryEstate {
    private final Map<TableId, Table> tables = new LinkedHashMap<>();
    private final Map<TableId, List<Object[]>> rows = new LinkedHashMap<>();
    private final List<Reference> fks = new ArrayList<>();
    private final List<Reference> links = new ArrayList<>();

    /** Columns as {@code name} (bigint) or {@code name:text}; pk null for no primary key. */
    MemoryEstate table(String id, List<String> pk, String... columns) {
        TableId t = TableId.parse(id);
        List<Column> cols = new ArrayList<>();
        for (String c : columns) {
            String[] p = c.split(":");
            cols.add(new Column(p[0], cols.size() + 1, p.length > 1 ? p[1] : "bigint", true, Column.Generation.NONE, null));
        }
        tables.put(t, new Table(t, TableKind.TABLE, cols, pk == null ? null : new Key(t.name() + "_pkey", pk, true),
                List.of(), List.of(), List.of(), -1, -1));
        rows.put(t, new ArrayList<>());
        return this;
    }

    MemoryEstate rows(String id, Object[]... values) {
        rows.get(TableId.parse(id)).addAll(List.of(values));
        return this;
    }

    MemoryEstate fk(String from, String fromCols, String to, String toCols) {
        fks.add(ref(from, fromCols, to, toCols, Reference.Origin.FOREIGN_KEY, null));
        return this;
    }

    MemoryEstate link(String from, String fromCols, String to, String toCols) {
        links.add(ref(from, fromCols, to, toCols, Reference.Origin.LINK, null));
        return this;
    }

    MemoryEstate jsonLink(String from, String column, String path, String to, String toCol) {
        links.add(ref(from, column, to, toCol, Reference.Origin.JSON_PATH, path));
        return this;
    }

    private static Reference ref(String from, String fromCols, String to, String toCols, Reference.Origin origin,
            String path) {
        TableId f = TableId.parse(from);
        return new Reference(f.name() + "_" + fromCols.replace(",", "_") + "_fkey", f, List.of(fromCols.split(",")),
                TableId.parse(to), List.of(toCols.split(",")), true, false, origin, path);
    }

    EstateSchema schema() {
        Map<String, List<Table>> byStore = new LinkedHashMap<>();
        tables.values().forEach(t -> byStore.computeIfAbsent(t.id().store(), k -> new ArrayList<>()).add(t));
        List<StoreSchema> stores = byStore.entrySet().stream().map(e -> new StoreSchema(e.getKey(), StoreKind.POSTGRES,
                e.getValue(), fks.stream().filter(r -> r.from().store().equals(e.getKey())).toList(), "x")).toList();
        return new EstateSchema(stores, links);
    }

    Map<String, RowSource> sources() {
        Map<String, RowSource> m = new LinkedHashMap<>();
        tables.keySet().forEach(t -> m.put(t.store(), new Source()));
        return m;
    }

    /** Compares values as text, the way the JDBC source casts them. */
    private final class Source implements RowSource {
        @Override
        public void select(TableId table, List<String> matchColumns, Collection<Tuple> values,
                List<Projection> projections, String filter, RowSink sink) {
            java.util.Set<List<String>> wanted = new java.util.HashSet<>();
            values.forEach(v -> wanted.add(java.util.Arrays.stream(v.values()).map(String::valueOf).toList()));
            for (Object[] row : rows.get(table)) {
                List<String> key = matchColumns.stream().map(c -> String.valueOf(value(table, row, c))).toList();
                if (wanted.contains(key) && passes(table, row, filter)) {
                    sink.accept(project(table, row, projections));
                }
            }
        }

        @Override
        public void scan(TableId table, List<Projection> projections, String filter, RowSink sink) {
            for (Object[] row : rows.get(table)) {
                if (passes(table, row, filter)) {
                    sink.accept(project(table, row, projections));
                }
            }
        }
    }

    /** Filters in tests are {@code column=value}. */
    private boolean passes(TableId table, Object[] row, String filter) {
        if (filter == null) {
            return true;
        }
        String[] p = filter.split("=");
        return String.valueOf(value(table, row, p[0].trim())).equals(p[1].trim());
    }

    private Object value(TableId table, Object[] row, String column) {
        Table t = tables.get(table);
        return row[t.column(column).orElseThrow().position() - 1];
    }

    private Object[] project(TableId table, Object[] row, List<Projection> projections) {
        Object[] out = new Object[projections.size()];
        for (int i = 0; i < out.length; i++) {
            Projection p = projections.get(i);
            Object v = value(table, row, p.column());
            if (p.jsonPath() != null) {
                for (String k : p.pathKeys()) {
                    v = v instanceof Map<?, ?> m ? m.get(k) : null;
                }
                v = v == null ? null : v.toString();
            } else if (v instanceof Integer n) {
                v = n.longValue();
            } else if (v != null && !(v instanceof Long)) {
                v = v.toString();
            }
            out[i] = v;
        }
        return out;
    }
}
