package io.ferry.classify;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.anonymize.classify.DataType;
import io.ferry.anonymize.classify.Field;
import io.ferry.anonymize.classify.FieldClassifier;
import io.ferry.anonymize.classify.JsonLeaves;
import io.ferry.anonymize.classify.ReservedRanges;
import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymize.classify.TokenDictionary;
import io.ferry.planning.Closure;
import io.ferry.planning.Projection;
import io.ferry.planning.RowSource;
import io.ferry.planning.Tuple;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableKind;
import io.ferry.schema.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one PostgreSQL store's fields inside the snapshot: samples for the classifier, the reserved-range
 * scan and the dictionary's rows. Only {@code SELECT}s: no temporary tables, so PROD may be a hot standby.
 * Values stay in memory; errors are {@link ProdReadException}s that name the table and SQL state.
 */
public final class PgFields {

    /** Rows read per table for samples: enough for sparse columns and JSON paths without scanning big tables. */
    static final int ROWS_PER_SAMPLE = 5;
    /** A column with no value in the sampled rows is looked up on its own only in tables up to this size. */
    static final long FOLLOW_UP_ROWS = 1_000_000;
    /** JSON paths classified per column at most (maps keyed by ids would otherwise make one path per key). */
    static final int MAX_JSON_PATHS = 500;

    private final String store;
    private final Connection connection;

    /** @param connection a session inside the store's snapshot ({@code ProdSnapshot.connection}); not closed here */
    public PgFields(String store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    /** Whether the session is read-only, and whether the server is a standby in recovery. */
    public record Mode(boolean readOnly, boolean inRecovery) {
    }

    public Mode mode() {
        try (var st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('transaction_read_only'), pg_is_in_recovery()")) {
            rs.next();
            return new Mode("on".equals(rs.getString(1)), rs.getBoolean(2));
        } catch (SQLException e) {
            throw ProdReadException.of("checking the session of store " + store, e);
        }
    }

    /**
     * The table's columns and the JSON leaf paths found in its json/jsonb values, each with up to
     * {@code n} non-null sampled values (columns of types that hold no text get none).
     */
    public List<SampledField> sample(Table table, int n) {
        List<Column> text = table.columns().stream().filter(PgFields::sampled).toList();
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> json = new LinkedHashMap<>();
        text.forEach(c -> values.put(c.name(), new ArrayList<>()));
        text.stream().filter(PgFields::isJson).forEach(c -> json.put(c.name(), new LinkedHashMap<>()));
        if (!text.isEmpty()) {
            String sql = "SELECT " + String.join(", ", text.stream().map(c -> TableId.quote(c.name()) + "::text").toList())
                    + " FROM " + from(table) + " LIMIT ?";
            read(sql, (long) n * ROWS_PER_SAMPLE, table, row -> {
                for (int i = 0; i < text.size(); i++) {
                    add(text.get(i), row[i], n, values, json);
                }
            });
            for (Column c : text) {
                if (values.get(c.name()).isEmpty() && table.rowEstimate() <= FOLLOW_UP_ROWS) {
                    String one = "SELECT " + TableId.quote(c.name()) + "::text FROM " + from(table) + " WHERE "
                            + TableId.quote(c.name()) + " IS NOT NULL LIMIT ?";
                    read(one, n, table, row -> add(c, row[0], n, values, json));
                }
            }
        }
        List<SampledField> out = new ArrayList<>();
        for (Column c : table.columns()) {
            out.add(new SampledField(Field.column(table.id(), c.name(), c.type()),
                    isJson(c) ? List.of() : values.getOrDefault(c.name(), List.of())));
            Map<String, List<String>> paths = json.get(c.name());
            if (paths != null) {
                paths.forEach((path, v) -> out.add(new SampledField(
                        Field.jsonPath(table.id(), c.name(), path, c.type()), v)));
            }
        }
        return out;
    }

    private static void add(Column c, String value, int n, Map<String, List<String>> values,
            Map<String, Map<String, List<String>>> json) {
        if (value == null) {
            return;
        }
        Map<String, List<String>> paths = json.get(c.name());
        List<String> v = values.get(c.name());
        if (v.size() < n) {
            v.add(paths == null ? value : "");
        }
        if (paths != null) {
            JsonLeaves.parse(value).ifPresent(node -> JsonLeaves.leaves(node, (path, leaf) -> {
                List<String> pv = paths.get(path);
                if (pv == null) {
                    if (paths.size() >= MAX_JSON_PATHS) {
                        return;
                    }
                    pv = new ArrayList<>();
                    paths.put(path, pv);
                }
                if (pv.size() < n) {
                    pv.add(leaf);
                }
            }));
        }
    }

    /** One ruled field of a table to scan for PROD values inside the range reserved for generated {@code type} values. */
    public record ReservedScan(RuleIndex.Ruled rule, DataType type) {
    }

    /**
     * Which of {@code scans} (all of {@code table}) find a PROD value in their reserved range, anywhere in the
     * table: one pass over the table for all of them, as most tables hold no such value and a scan per field read
     * a large table once per rule.
     */
    public boolean[] holdsReserved(Table table, List<ReservedScan> scans, ReservedRanges ranges) {
        List<Object> params = new ArrayList<>();
        List<String> hits = new ArrayList<>();
        for (ReservedScan scan : scans) {
            RuleIndex.Ruled rule = scan.rule();
            String expr = rule.path() == null ? "(" + TableId.quote(rule.name()) + "::text)"
                    : "(" + TableId.quote(rule.name()) + " #>> " + textArray(JsonLeaves.keys(rule.path())) + ")";
            hits.add("coalesce(bool_or(" + expr + " IS NOT NULL AND " + ranges.sqlCondition(scan.type(), expr, params)
                    + "), false)");
        }
        boolean[] held = new boolean[scans.size()];
        if (scans.isEmpty()) {
            return held;
        }
        String sql = "SELECT " + String.join(", ", hits) + " FROM " + from(table);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < held.length; i++) {
                    held[i] = rs.getBoolean(i + 1);
                }
                return held;
            }
        } catch (SQLException e) {
            throw ProdReadException.of("scanning " + table.id() + " for reserved values", e);
        }
    }

    /**
     * Feeds the dictionary with the values of {@code fields} (columns or JSON paths of {@code table}, each
     * with its type) in the closure's rows: by key with {@code = ANY(array)} in chunks, or, for a table
     * without a primary key, by scanning it and keeping the closure's rows.
     */
    public static void dictionary(Table table, Map<Field, DataType> fields, Closure closure, RowSource source,
            TokenDictionary dictionary) {
        List<String> columns = new ArrayList<>(new LinkedHashSet<>(fields.keySet().stream().map(Field::name).toList()));
        List<String> keyColumns = closure.keyColumns(table.id());
        boolean byKey = table.primaryKey() != null;
        List<Projection> projections = new ArrayList<>();
        if (!byKey) {
            keyColumns.forEach(k -> projections.add(Projection.column(k)));
        }
        int offset = projections.size();
        columns.forEach(c -> projections.add(Projection.column(c)));
        RowSource.RowSink sink = row -> {
            if (!byKey) {
                Object[] key = new Object[keyColumns.size()];
                System.arraycopy(row, 0, key, 0, key.length);
                if (!closure.contains(table.id(), new Tuple(key))) {
                    return;
                }
            }
            Map<String, JsonNode> parsed = new LinkedHashMap<>();
            fields.forEach((field, type) -> {
                Object value = row[offset + columns.indexOf(field.name())];
                if (value == null) {
                    return;
                }
                if (field.kind() == Field.Kind.COLUMN) {
                    dictionary.add(type, value.toString());
                } else {
                    JsonNode node = parsed.computeIfAbsent(field.name(),
                            k -> JsonLeaves.parse(value.toString()).orElse(null));
                    if (node != null) {
                        JsonLeaves.valuesAt(node, field.jsonPath()).forEach(v -> dictionary.add(type, v));
                    }
                }
            });
        };
        if (byKey) {
            List<Tuple> keys = closure.keys(table.id());
            if (!keys.isEmpty()) {
                source.select(table.id(), keyColumns, keys, projections, null, sink);
            }
        } else {
            source.scan(table.id(), projections, null, sink);
        }
    }

    private interface Rows {
        void accept(String[] row);
    }

    private void read(String sql, long limit, Table table, Rows rows) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, limit);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.accept(row);
                }
            }
        } catch (SQLException e) {
            throw ProdReadException.of("sampling " + table.id(), e);
        }
    }

    /** Partitioned tables are read through the parent; other tables with {@code ONLY} (legacy INHERITS children apart). */
    private static String from(Table table) {
        return (table.kind() == TableKind.PARTITIONED ? "" : "ONLY ") + table.id().qualified();
    }

    /** A text[] literal for {@code #>>}: {@code '{"a","b c"}'::text[]}. */
    static String textArray(String[] keys) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(keys[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        b.append('}');
        return "'" + b.toString().replace("'", "''") + "'::text[]";
    }

    private static boolean isJson(Column c) {
        String t = c.type().toLowerCase(Locale.ROOT);
        return t.equals("json") || t.equals("jsonb");
    }

    /** Columns whose values may be personal text: text-like, JSON, and user types (enums, domains); not arrays. */
    private static boolean sampled(Column c) {
        return FieldClassifier.isText(FieldClassifier.typeClass(c.type())) && !c.type().endsWith("[]");
    }
}
