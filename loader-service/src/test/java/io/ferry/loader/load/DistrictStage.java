package io.ferry.loader.load;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.CopyText;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.planning.Closure;
import io.ferry.planning.Tuple;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.model.EdgePolicy;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test stand-in for extraction and anonymization (the validator's tests have the same, with planted extras):
 * the rows of a district's closure, as the planner computes it against PROD, staged as the run's plaintext
 * anonymized batches, one per table. Anonymization is left out: the loader takes whatever the batches hold.
 */
public final class DistrictStage {

    private static final int KEYS_PER_STATEMENT = 2_000;

    private DistrictStage() {
    }

    /** @return per staged table, the key columns' text of every closure row */
    public static Map<TableId, List<List<String>>> stage(PostgresServer prod, LoadedSpec spec, String district, Staging staging,
            String runId, Path tmp) throws Exception {
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
        for (TableId t : keys.keySet()) {
            List<String> predicates = new ArrayList<>();
            List<List<String>> tableKeys = keys.get(t);
            for (int from = 0; from < tableKeys.size(); from += KEYS_PER_STATEMENT) {
                predicates.add(inList(keyColumns.get(t), tableKeys.subList(from, Math.min(tableKeys.size(),
                        from + KEYS_PER_STATEMENT))));
            }
            List<Nulling> nullings = new ArrayList<>();
            for (Reference r : nullified) {
                if (r.from().equals(t) && r.toColumns().equals(keyColumns.get(r.to()))) {
                    nullings.add(new Nulling(r.fromColumns(), new HashSet<>(keys.get(r.to()))));
                }
            }
            try (Connection c = prod.connect(t.store())) {
                stageTable(c, t, predicates, nullings, staging, runId, tmp);
            }
        }
        return keys;
    }

    /** Rows whose key columns' text is one of the keys (Pagila's closure keys hold no NULL). */
    private static String inList(List<String> columns, List<List<String>> keys) {
        String cols = columns.stream().map(c -> "x." + TableId.quote(c) + "::text").collect(Collectors.joining(", "));
        String values = keys.stream().map(k -> k.stream().map(DistrictStage::literal)
                .collect(Collectors.joining(", ", "(", ")"))).collect(Collectors.joining(", "));
        return "(" + cols + ") IN (VALUES " + values + ")";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Columns to write as NULL when their values are not one of the target's closure keys. */
    private record Nulling(List<String> columns, Set<List<String>> targets) {
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
        List<String> names = columns.stream().map(BatchColumn::name).toList();
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
                        List<Integer> at = n.columns().stream().map(names::indexOf).toList();
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
