package io.ferry.service.testing;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.CopyText;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.estate.Planted;
import io.ferry.planning.Closure;
import io.ferry.planning.Tuple;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.EdgePolicy;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import io.ferry.testkit.postgres.PostgresServer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Test stand-in for extraction and anonymization: the rows of a district's closure (as the planner
 * computes it against PROD), plus chosen planted rows the extractor's policies would have left out,
 * staged as the run's plaintext anonymized batches, one per table. The validator must find what is
 * wrong with them however they got there; the loader and verify take the clean ones.
 */
public final class DistrictStage {

    private static final int KEYS_PER_STATEMENT = 2_000;

    private DistrictStage() {
    }

    /** The district's closure alone. */
    public static Map<TableId, List<List<String>>> stage(PostgresServer prod, LoadedSpec spec, String district,
            Staging staging, String runId, Path tmp) throws Exception {
        return stage(prod, spec, district, List.of(), staging, runId, tmp);
    }

    /** @return per staged table, the key columns' text of every closure row (for counting overlaps in CERT) */
    public static Map<TableId, List<List<String>>> stage(PostgresServer prod, LoadedSpec spec, String district,
            List<Planted> extra, Staging staging, String runId, Path tmp) throws Exception {
        Map<TableId, List<List<String>>> keys = new LinkedHashMap<>();
        Map<TableId, List<String>> keyColumns = new LinkedHashMap<>();
        List<Reference> nullified = new ArrayList<>();
        try (ProdSnapshot snapshot = ProdSnapshot.open(spec.spec(), spec.resolver());
                DistrictClosure closure = DistrictClosure.compute(spec.spec(), snapshot, district, 20_000_000L)) {
            // As the extractor does: a nullify edge whose target row is not in the closure is written as NULL.
            spec.spec().closure().edges().forEach((ref, policy) -> {
                if (policy == EdgePolicy.NULLIFY) {
                    snapshot.schema().references().stream().filter(r -> r.from().equals(ref.table())
                            && r.fromColumns().equals(ref.columns())).forEach(nullified::add);
                }
            });
            Closure relational = closure.relational();
            for (TableId t : relational.tables()) {
                List<List<String>> texts = new ArrayList<>();
                for (Tuple k : relational.keys(t)) {
                    List<String> values = new ArrayList<>();
                    for (Object v : k.values()) {
                        values.add(v == null ? null : v.toString());
                    }
                    texts.add(values);
                }
                keys.put(t, texts);
                keyColumns.put(t, relational.keyColumns(t));
            }
        }
        for (Planted p : extra) {
            TableId t = TableId.parse(p.store() + "." + p.table());
            keys.putIfAbsent(t, new ArrayList<>());
            keyColumns.putIfAbsent(t, p.keys().isEmpty() ? List.of() : pairs(p.keys().get(0)).keySet().stream().toList());
        }
        for (TableId t : keys.keySet()) {
            List<String> predicates = new ArrayList<>();
            List<List<String>> tableKeys = keys.get(t);
            for (int from = 0; from < tableKeys.size(); from += KEYS_PER_STATEMENT) {
                predicates.add(inList(keyColumns.get(t), tableKeys.subList(from, Math.min(tableKeys.size(),
                        from + KEYS_PER_STATEMENT))));
            }
            for (Planted p : extra) {
                if ((p.store() + "." + p.table()).equals(t.toString())) {
                    for (String key : p.keys()) {
                        predicates.add(pairs(key).entrySet().stream().map(e -> "x." + TableId.quote(e.getKey()) + "::text = "
                                + literal(e.getValue())).collect(Collectors.joining(" AND ", "(", ")")));
                    }
                }
            }
            List<Nulling> nullings = new ArrayList<>();
            for (Reference r : nullified) {
                if (r.from().equals(t) && r.toColumns().equals(keyColumns.get(r.to()))) {
                    nullings.add(new Nulling(r.fromColumns(), new java.util.HashSet<>(keys.get(r.to()))));
                }
            }
            try (Connection c = prod.connect(t.store())) {
                stageTable(c, t, predicates, nullings, staging, runId, tmp);
            }
        }
        return keys;
    }

    private static int indexOf(List<BatchColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    private static Map<String, String> pairs(String key) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : key.split(",")) {
            int eq = pair.indexOf('=');
            pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return pairs;
    }

    /**
     * Rows whose key columns' text equals one of the keys. Keys without NULLs go through {@code IN (VALUES)},
     * which PostgreSQL hashes; NULL matches NULL only in the slower form (tables without a key).
     */
    private static String inList(List<String> columns, List<List<String>> keys) {
        List<List<String>> plain = keys.stream().filter(k -> !k.contains(null)).toList();
        List<List<String>> withNulls = keys.stream().filter(k -> k.contains(null)).toList();
        List<String> parts = new ArrayList<>();
        if (!plain.isEmpty()) {
            String cols = columns.stream().map(c -> "x." + TableId.quote(c) + "::text").collect(Collectors.joining(", "));
            parts.add("(" + cols + ") IN (VALUES " + values(plain) + ")");
        }
        if (!withNulls.isEmpty()) {
            String names = java.util.stream.IntStream.range(0, columns.size()).mapToObj(i -> "k" + i)
                    .collect(Collectors.joining(", "));
            String match = java.util.stream.IntStream.range(0, columns.size()).mapToObj(i -> "x." + TableId.quote(
                    columns.get(i)) + "::text IS NOT DISTINCT FROM v.k" + i).collect(Collectors.joining(" AND "));
            parts.add("EXISTS (SELECT 1 FROM (VALUES " + values(withNulls) + ") AS v(" + names + ") WHERE " + match + ")");
        }
        return parts.stream().collect(Collectors.joining(" OR ", "(", ")"));
    }

    private static String values(List<List<String>> keys) {
        return keys.stream().map(k -> k.stream().map(v -> v == null ? "NULL::text" : literal(v))
                .collect(Collectors.joining(", ", "(", ")"))).collect(Collectors.joining(", "));
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Columns to write as NULL when their values are not one of the target's closure keys. */
    private record Nulling(List<String> columns, java.util.Set<List<String>> targets) {
    }

    private static void stageTable(Connection c, TableId t, List<String> predicates, List<Nulling> nullings,
            Staging staging, String runId, Path tmp) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET IntervalStyle = postgres; "
                    + "SET extra_float_digits = 3; SET bytea_output = hex");
        }
        List<BatchColumn> columns = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT attname, "
                + "format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = " + literal(t.qualified())
                + "::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            while (rs.next()) {
                columns.add(new BatchColumn(rs.getString(1), rs.getString(2)));
            }
        }
        Path file = tmp.resolve("stage-" + t.store() + "-" + t.name().replace('"', '_') + ".parquet");
        Files.deleteIfExists(file);
        try (BatchWriter w = BatchWriter.create(file, new BatchSchema(columns, Map.of()), BatchWriterOptions.defaults())) {
            for (String predicate : predicates) {
                CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT x.* FROM " + t.qualified()
                        + " x WHERE " + predicate + ") TO STDOUT");
                byte[] line;
                while ((line = copy.readFromCopy()) != null) {
                    String[] row = CopyText.decodeRow(line, columns.size());
                    for (Nulling n : nullings) {
                        List<Integer> at = n.columns().stream().map(name -> indexOf(columns, name)).toList();
                        List<String> value = at.stream().map(i -> row[i]).toList();
                        if (!value.contains(null) && !n.targets().contains(value)) {
                            at.forEach(i -> row[i] = null);
                        }
                    }
                    w.write(row);
                }
            }
        }
        staging.put(StagingLayout.batch(BatchId.of(runId, Phase.ANONYMIZE, t.store(), t.schema(), t.name(), 0)), file);
        Files.delete(file);
    }
}
