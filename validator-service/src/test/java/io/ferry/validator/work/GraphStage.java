package io.ferry.validator.work;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.planning.graph.GraphPlan;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.TableId;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Test stand-in for the extractor's graph batches: the planned nodes of each label and the planned
 * relationships of each followed type, read by element id. A label batch holds the node's properties (key
 * first, as the extractor writes it); a relationship batch its ends' keys ({@code from.k}, {@code to.k})
 * and its properties. Values are text, as in real batches.
 */
final class GraphStage {

    private GraphStage() {
    }

    /**
     * @param rows        per label and relationship type ({@code label.Order}), the staged nodes or relationships
     * @param crossTenant per label, the nodes the plan reports across tenants
     */
    record Staged(Map<String, Long> rows, Map<String, Long> crossTenant) {
    }

    /** Stages the graph part of the tenant's closure. */
    static Staged stage(Driver driver, LoadedSpec spec, String tenant, Staging staging, String runId, Path tmp)
            throws Exception {
        Map<String, Long> crossTenant = new java.util.TreeMap<>();
        Map<String, Long> rows = new java.util.TreeMap<>();
        try (ProdSnapshot snapshot = ProdSnapshot.open(spec.spec(), spec.resolver());
                DistrictClosure closure = DistrictClosure.compute(spec.spec(), snapshot, tenant, 20_000_000L)) {
            closure.plan().crossTenant().forEach(c -> crossTenant.merge(c.table(), 1L, Long::sum));
            for (GraphPlan plan : closure.graphs()) {
                for (TableId t : plan.tables()) {
                    List<String> ids = plan.ids(t);
                    rows.put(t.schema() + "." + t.name(), (long) ids.size());
                    if (!ids.isEmpty()) {
                        write(t, plan.keyColumns(t), rows(driver, t, plan.keyColumns(t), ids), staging, runId, tmp);
                    }
                }
            }
        }
        return new Staged(rows, crossTenant);
    }

    private static List<Map<String, Object>> rows(Driver driver, TableId t, List<String> keyColumns, List<String> ids) {
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean label = t.schema().equals(TableId.LABELS);
        String cypher = label ? "MATCH (n) WHERE id(n) IN $ids RETURN properties(n) AS p"
                : "MATCH (a)-[r]->(b) WHERE id(r) IN $ids RETURN properties(r) AS p, properties(a) AS a, "
                        + "properties(b) AS b";
        try (Session session = driver.session()) {
            // the plan names nodes and relationships by their ids in the store, as decimal text
            for (Record r : session.run(cypher, Map.of("ids", ids.stream().map(Long::valueOf).toList())).list()) {
                Map<String, Object> row = new java.util.HashMap<>(r.get("p").asMap());
                if (!label) {
                    Map<String, Object> a = r.get("a").asMap();
                    Map<String, Object> b = r.get("b").asMap();
                    for (String k : keyColumns) {
                        if (k.startsWith("from.")) {
                            row.put(k, a.get(k.substring(5)));
                        } else if (k.startsWith("to.")) {
                            row.put(k, b.get(k.substring(3)));
                        }
                    }
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void write(TableId t, List<String> keyColumns, List<Map<String, Object>> rows, Staging staging,
            String runId, Path tmp) throws Exception {
        List<String> names = new ArrayList<>(keyColumns.stream().filter(k -> !k.startsWith("<")).toList());
        TreeSet<String> properties = new TreeSet<>();
        rows.forEach(r -> properties.addAll(r.keySet()));
        properties.stream().filter(p -> !names.contains(p)).forEach(names::add);
        List<BatchColumn> columns = names.stream().map(n -> new BatchColumn(n, "neo4j:Any")).toList();
        Path file = tmp.resolve("graph-" + t.schema() + "-" + t.name() + ".parquet");
        Files.deleteIfExists(file);
        try (BatchWriter w = BatchWriter.create(file, new BatchSchema(columns, Map.of()), BatchWriterOptions.defaults())) {
            for (Map<String, Object> r : rows) {
                String[] row = new String[names.size()];
                for (int i = 0; i < row.length; i++) {
                    Object v = r.get(names.get(i));
                    row[i] = v == null ? null : v.toString();
                }
                w.write(row);
            }
        }
        staging.put(StagingLayout.batch(BatchId.of(runId, Phase.ANONYMIZE, t.store(), t.schema(), t.name(), 0)), file);
        Files.delete(file);
    }
}
