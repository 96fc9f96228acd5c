package io.ferry.service.testing;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.planning.graph.GraphPlan;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.neo4j.GraphValues;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Test stand-in for the extractor's graph batches, in their layout: a label batch holds the plan's key columns
 * (the merge key property, or {@code <element>}), the other properties sorted, then {@code _labels}; a
 * relationship batch its ends' keys ({@code from.k}, {@code to.k}) and its properties. Values are
 * {@link GraphValues} text with each column typed {@code neo4j:<Type>} as PROD's introspection found it.
 */
public final class GraphStage {

    private GraphStage() {
    }

    /** @return per staged label and type, its rows */
    public static Map<TableId, Long> stage(Driver prod, LoadedSpec spec, String district, Staging staging, String runId, Path tmp)
            throws Exception {
        Map<TableId, Long> staged = new LinkedHashMap<>();
        try (ProdSnapshot snapshot = ProdSnapshot.open(spec.spec(), spec.resolver());
                DistrictClosure closure = DistrictClosure.compute(spec.spec(), snapshot, district, 20_000_000L)) {
            EstateSchema schema = snapshot.fullSchema();
            for (GraphPlan plan : closure.graphs()) {
                for (TableId t : plan.tables()) {
                    List<String> ids = plan.ids(t);
                    if (!ids.isEmpty()) {
                        write(t, columns(schema, t, plan.keyColumns(t)), rows(prod, t, plan.keyColumns(t), ids), staging,
                                runId, tmp);
                        staged.put(t, (long) ids.size());
                    }
                }
            }
        }
        return staged;
    }

    private static List<BatchColumn> columns(EstateSchema schema, TableId t, List<String> keys) {
        Table table = schema.table(t).orElseThrow();
        boolean label = t.schema().equals(TableId.LABELS);
        List<BatchColumn> columns = new ArrayList<>();
        for (String k : keys) {
            columns.add(new BatchColumn(k, label ? type(table, k) : endType(schema, t, k)));
        }
        TreeSet<String> properties = new TreeSet<>();
        table.columns().stream().map(Column::name).filter(n -> !n.startsWith("<") && !keys.contains(n))
                .forEach(properties::add);
        properties.forEach(p -> columns.add(new BatchColumn(p, type(table, p))));
        if (label) {
            columns.add(new BatchColumn(GraphValues.LABELS_COLUMN, GraphValues.TYPE_PREFIX + "StringArray"));
        }
        return columns;
    }

    private static String type(Table table, String column) {
        String type = table.column(column).map(Column::type).orElse(null);
        return type == null || type.isBlank() || type.contains("|") || column.startsWith("<")
                ? GraphValues.TYPE_PREFIX + (column.startsWith("<") ? "String" : "Any") : GraphValues.TYPE_PREFIX + type;
    }

    private static String endType(EstateSchema schema, TableId type, String column) {
        String end = column.startsWith("from.") ? ".start" : column.startsWith("to.") ? ".end" : null;
        String key = end == null ? column : column.substring(column.indexOf('.') + 1);
        if (end == null || key.startsWith("<")) {
            return GraphValues.TYPE_PREFIX + "String";
        }
        for (Reference r : schema.references()) {
            if (r.from().equals(type) && r.name().equals(type.name() + end)) {
                return type(schema.table(r.to()).orElseThrow(), key);
            }
        }
        return GraphValues.TYPE_PREFIX + "Any";
    }

    /** Per row, column name to text. */
    private static List<Map<String, String>> rows(Driver driver, TableId t, List<String> keys, List<String> ids) {
        boolean label = t.schema().equals(TableId.LABELS);
        String cypher = label
                ? "MATCH (n) WHERE id(n) IN $ids RETURN toString(id(n)) AS id, labels(n) AS labels, properties(n) AS p"
                : "MATCH (a)-[r]->(b) WHERE id(r) IN $ids RETURN toString(id(r)) AS id, toString(id(a)) AS ea,"
                        + " toString(id(b)) AS eb, properties(r) AS p, properties(a) AS a, properties(b) AS b";
        List<Map<String, String>> rows = new ArrayList<>();
        try (Session session = driver.session()) {
            // the plan names nodes and relationships by their ids in the store, as decimal text
            for (Record r : session.run(cypher, Map.of("ids", ids.stream().map(Long::valueOf).toList())).list()) {
                Map<String, Object> values = new LinkedHashMap<>(r.get("p").asMap());
                for (String k : keys) {
                    if (k.equals(GraphPlan.ELEMENT)) {
                        values.put(k, r.get("id").asString());
                    } else if (k.startsWith("from.")) {
                        values.put(k, end(r, "a", "ea", k.substring(5)));
                    } else if (k.startsWith("to.")) {
                        values.put(k, end(r, "b", "eb", k.substring(3)));
                    }
                }
                if (label) {
                    values.put(GraphValues.LABELS_COLUMN, new TreeSet<>(r.get("labels").asList(Value::asString))
                            .stream().toList());
                }
                Map<String, String> texts = new LinkedHashMap<>();
                values.forEach((k, v) -> texts.put(k, GraphValues.text(v)));
                rows.add(texts);
            }
        }
        return rows;
    }

    private static Object end(Record r, String props, String element, String key) {
        return key.equals(GraphPlan.ELEMENT) ? r.get(element).asString() : r.get(props).asMap().get(key);
    }

    private static void write(TableId t, List<BatchColumn> columns, List<Map<String, String>> rows, Staging staging,
            String runId, Path tmp) throws Exception {
        Path file = tmp.resolve("graph-" + t.schema() + "-" + t.name() + ".parquet");
        Files.deleteIfExists(file);
        try (BatchWriter w = BatchWriter.create(file, new BatchSchema(columns, Map.of()), BatchWriterOptions.defaults())) {
            for (Map<String, String> byName : rows) {
                String[] row = new String[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = byName.get(columns.get(i).name());
                }
                w.write(row);
            }
        }
        staging.put(StagingLayout.batch(BatchId.of(runId, Phase.ANONYMIZE, t.store(), t.schema(), t.name(), 0)), file);
        Files.delete(file);
    }
}
