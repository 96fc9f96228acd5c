package io.ferry.anonymizer.datasets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.FileKey;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.AnonymizeRule;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.Spec;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Test stand-in for the extractor's graph batches (docs/extractor.md, "Graph stores"): every node of one
 * label, read with Cypher, as one raw label batch. Schema {@code label}, table = the label; columns = the
 * key property, the other properties sorted by name, then {@code _labels} (a JSON list of the node's
 * labels); every column's type is {@code neo4j:<Type>}, values as text (integers in decimal).
 */
final class LabelBatches {

    static final String LABELS_COLUMN = "_labels";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelBatches() {
    }

    /** The spec's one link from {@code store:Label(property)} to a table. */
    static Link link(Spec spec, String store, String label) {
        TableId node = new TableId(store, TableId.LABELS, label);
        List<Link> links = spec.links().stream().filter(l -> l.from().table().equals(node)).toList();
        if (links.size() != 1 || links.get(0).from().columns().size() != 1) {
            throw new IllegalStateException("expected one single-property link from " + store + ":" + label + ", found "
                    + links);
        }
        return links.get(0);
    }

    /** The properties the spec's {@code store:Label.property} rules name, sorted. */
    static List<String> ruledProperties(Spec spec, String store, String label) {
        String prefix = store + ":" + label + ".";
        TreeSet<String> names = new TreeSet<>();
        for (AnonymizeRule rule : spec.anonymize().rules()) {
            if (rule.property() != null && rule.property().startsWith(prefix)) {
                names.add(rule.property().substring(prefix.length()));
            }
        }
        return List.copyOf(names);
    }

    /**
     * Reads the label's nodes (the key property and {@code properties}), in key order, into one raw batch
     * encrypted with {@code rawKey}, stages it and returns its manifest.
     */
    static BatchManifest stage(Driver driver, Staging staging, Path dir, String run, String specHash, String store,
            String label, String key, List<String> properties, FileKey rawKey) throws Exception {
        List<String> names = new ArrayList<>();
        names.add(key);
        new TreeSet<>(properties).stream().filter(p -> !p.equals(key)).forEach(names::add);
        List<Object[]> nodes = new ArrayList<>();
        try (Session session = driver.session()) {
            for (Record r : session.run("MATCH (n:`" + label.replace("`", "``") + "`) RETURN [p IN $names | n[p]] AS v,"
                    + " labels(n) AS labels ORDER BY n[$key]", Map.of("names", names, "key", key)).list()) {
                Object[] node = new Object[names.size() + 1];
                Value values = r.get("v");
                for (int i = 0; i < names.size(); i++) {
                    node[i] = values.get(i).isNull() ? null : values.get(i).asObject();
                }
                node[names.size()] = new TreeSet<>(r.get("labels").asList(Value::asString)).stream().toList();
                nodes.add(node);
            }
        }
        List<BatchColumn> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new BatchColumn(names.get(i), type(nodes, i)));
        }
        columns.add(new BatchColumn(LABELS_COLUMN, "neo4j:StringArray"));

        BatchId id = BatchId.of(run, Phase.EXTRACT, store, TableId.LABELS, label, 0);
        Path file = Files.createTempFile(dir, "label-", ".parquet");
        Files.delete(file); // the writer creates it
        try (BatchWriter w = BatchWriter.create(file, new BatchSchema(columns, Map.of()),
                BatchWriterOptions.defaults().withEncryption(rawKey))) {
            for (Object[] node : nodes) {
                String[] row = new String[node.length];
                for (int i = 0; i < node.length; i++) {
                    row[i] = text(node[i]);
                }
                w.write(row);
            }
        }
        String object = StagingLayout.batch(id);
        staging.put(object, file);
        BatchManifest m = new BatchManifest(id.toString(), run, specHash, 1, Phase.EXTRACT, store, TableId.LABELS, label,
                BatchKind.LABEL, 0, object, nodes.size(), Files.size(file), TableCopies.sha256(file), "test",
                rawKey.version(), true, true);
        Files.delete(file);
        return m;
    }

    /** {@code neo4j:String}, {@code neo4j:Long}, ... of a property's values; {@code neo4j:Any} when they differ. */
    private static String type(List<Object[]> nodes, int column) {
        String type = null;
        for (Object[] node : nodes) {
            if (node[column] != null) {
                String t = switch (node[column]) {
                    case String s -> "String";
                    case Long l -> "Long";
                    case Double d -> "Double";
                    case Boolean b -> "Boolean";
                    default -> throw new IllegalStateException("a property of type "
                            + node[column].getClass().getSimpleName() + ": not needed by these tests");
                };
                type = type == null || type.equals(t) ? t : "Any";
            }
        }
        return "neo4j:" + (type == null ? "String" : type);
    }

    private static String text(Object value) throws Exception {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case List<?> list -> JSON.writeValueAsString(list);
            default -> value.toString();
        };
    }
}
