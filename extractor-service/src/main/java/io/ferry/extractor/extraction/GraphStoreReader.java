package io.ferry.extractor.extraction;

import io.ferry.schema.neo4j.GraphValues;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.FileKey;
import io.ferry.contracts.Phase;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult.TableBatches;
import io.ferry.contracts.messages.Progress;
import io.ferry.planning.Tuple;
import io.ferry.planning.graph.GraphIds;
import io.ferry.planning.graph.GraphPlan;
import io.ferry.planning.graph.GraphSource.Rel;
import io.ferry.planning.graph.RowSlices;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.introspect.SchemaFingerprint;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.staging.Staging;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.neo4j.driver.Result;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Reads one graph store's part of a district closure into batches: per label the plan's nodes, per followed
 * relationship type the plan's relationships, looked up by id in chunks inside one read transaction and written in
 * the plan's key order ({@link GraphPlan#keys}): the server answers the next chunk's query while this side makes the
 * rows of the last, which are written while the one after is read ({@link WriteBehind}). Values are text
 * ({@link GraphValues}); each column's {@code pgType} is {@code neo4j:<Type>} as introspection found it.
 *
 * <p>Neo4j has no snapshot across transactions: planning read the graph in a transaction of its own. A node
 * or relationship of the plan that is gone, no longer carries its label or type, or whose key changed, and a
 * property introspection did not list, stop the extraction with the transient failure {@code GRAPH_CHANGED},
 * so a retry plans again; nothing is ever silently dropped.
 */
final class GraphStoreReader {

    /** Ids per query: the planner's chunk size. */
    static final int CHUNK = 10_000;
    /** The column of a label batch that holds all labels of each node, as a JSON list of strings, sorted. */
    static final String LABELS_COLUMN = GraphValues.LABELS_COLUMN;
    /** The {@code pgType} of a property with one or no introspected type, else {@link #ANY}. */
    static final String PREFIX = GraphValues.TYPE_PREFIX;
    static final String ANY = PREFIX + "Any";

    /**
     * How one label or relationship type becomes batch columns.
     *
     * @param table      as introspected (its fingerprint goes into the manifests)
     * @param keyColumns the plan's key columns, the batch's first columns
     * @param properties the other property columns, sorted; then {@code _labels} for a label
     * @param columns    every batch column with its {@code neo4j:<Type>}
     */
    record Layout(TableId id, Table table, List<String> keyColumns, List<String> properties, List<BatchColumn> columns) {
        boolean label() {
            return id.schema().equals(TableId.LABELS);
        }

        String text() {
            return id.schema() + "." + id.name();
        }
    }

    private final Staging staging;
    private final ExtractionSettings settings;
    private final Path tempDir;

    private final int chunk;

    /** @param chunk nodes or relationships per query ({@link #CHUNK}) */
    GraphStoreReader(Staging staging, ExtractionSettings settings, Path tempDir, int chunk) {
        this.staging = staging;
        this.settings = settings;
        this.tempDir = tempDir;
        this.chunk = chunk;
    }

    /** The batch columns of every label and followed type of {@code plan}, in the plan's order. */
    static List<Layout> layouts(GraphPlan plan, EstateSchema schema) {
        List<Layout> layouts = new ArrayList<>();
        for (TableId id : plan.tables()) {
            Table table = schema.table(id).orElseThrow(() -> new IllegalStateException("the plan's " + id
                    + " was not introspected"));
            boolean label = id.schema().equals(TableId.LABELS);
            List<String> keys = plan.keyColumns(id);
            List<BatchColumn> columns = new ArrayList<>();
            for (String k : keys) {
                columns.add(new BatchColumn(k, label ? labelKeyType(table, k) : endKeyType(schema, id, k)));
            }
            TreeSet<String> properties = new TreeSet<>();
            for (Column c : table.columns()) {
                if (c.name().startsWith("<") || label && keys.contains(c.name())) {
                    continue;
                }
                if (keys.contains(c.name()) || label && c.name().equals(LABELS_COLUMN)) {
                    throw ExtractionFailure.fatal("GRAPH_COLUMN_CLASH", "store " + id.store() + ": " + id.schema() + "."
                            + id.name() + " has a property named like the batch column '" + c.name()
                            + "' that graph batches add; rename the property");
                }
                properties.add(c.name());
            }
            for (String p : properties) {
                columns.add(new BatchColumn(p, pgType(table.column(p).orElseThrow())));
            }
            if (label) {
                columns.add(new BatchColumn(LABELS_COLUMN, PREFIX + "StringArray"));
            }
            layouts.add(new Layout(id, table, keys, List.copyOf(properties), List.copyOf(columns)));
        }
        return layouts;
    }

    /** {@code neo4j:String} for a single introspected type, {@code neo4j:Any} for none or several. */
    static String pgType(Column c) {
        String type = c.type();
        return type == null || type.isBlank() || type.contains("|") || type.equals("Any") ? ANY : PREFIX + type;
    }

    private static String labelKeyType(Table label, String key) {
        if (key.equals(GraphPlan.ELEMENT)) {
            return PREFIX + "String";
        }
        return label.column(key).map(GraphStoreReader::pgType).orElse(ANY);
    }

    /** The type of {@code from.k} / {@code to.k}: {@code k}'s type on the labels found at that end, if they agree. */
    private static String endKeyType(EstateSchema schema, TableId type, String column) {
        String end = column.startsWith("from.") ? ".start" : column.startsWith("to.") ? ".end" : null;
        if (end == null) {
            return PREFIX + "String"; // the relationship's own <element>
        }
        String key = column.substring(column.indexOf('.') + 1);
        if (key.equals(GraphPlan.ELEMENT)) {
            return PREFIX + "String";
        }
        Set<String> types = new HashSet<>();
        for (Reference r : schema.references()) {
            if (r.from().equals(type) && r.name().equals(type.name() + end)) {
                types.add(schema.table(r.to()).flatMap(t -> t.column(key)).map(GraphStoreReader::pgType).orElse(ANY));
            }
        }
        return types.size() == 1 ? types.iterator().next() : ANY;
    }

    /** Reads every label and type of {@code layouts} in one read transaction; the batches sorted like tables. */
    List<TableBatches> read(ExtractRequest request, ProdSnapshot snapshot, GraphPlan plan, List<Layout> layouts,
            FileKey key, ExtractionListener listener, SnapshotStoreExtractor.Deadline deadline) {
        long total = layouts.stream().mapToLong(l -> plan.ids(l.id()).size()).sum();
        long[] done = {0};
        long start = System.nanoTime();
        try {
            return snapshot.readGraph(request.store(), tx -> {
                List<TableBatches> result = new ArrayList<>();
                for (Layout layout : layouts) {
                    result.add(readTable(tx, request, plan, layout, key, listener, rows -> {
                        deadline.check(request.store());
                        done[0] += rows;
                        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
                        // the store's figures, as for a relational store: no table named
                        listener.progress(new Progress(request.runId(), Phase.EXTRACT, request.store(), null,
                                done[0], total, done[0] / seconds, Instant.now()));
                    }));
                }
                result.sort(java.util.Comparator.comparing(TableBatches::schema).thenComparing(TableBatches::table));
                return result;
            });
        } catch (Neo4jException e) {
            throw failure(request.store(), "the read transaction", e);
        }
    }

    private interface Chunks {
        void done(int rows);
    }

    private TableBatches readTable(Transaction tx, ExtractRequest request, GraphPlan plan, Layout layout, FileKey key,
            ExtractionListener listener, Chunks chunks) {
        String store = request.store();
        String fingerprint = SchemaFingerprint.of(store, List.of(layout.table()), List.of());
        BatchOutput.Target target = new BatchOutput.Target(request.runId(), request.specHash(), request.attempt(), store,
                layout.id().schema(), layout.id().name(), layout.label() ? BatchKind.LABEL : BatchKind.RELATIONSHIP,
                fingerprint, key.version());
        BatchSchema schema = new BatchSchema(layout.columns(), Map.of("ferry.store", store, "ferry.table", layout.text(),
                "ferry.schemaFingerprint", fingerprint));
        BatchWriterOptions options = BatchWriterOptions.defaults().withEncryption(key).withRowGroupSize(settings.rowGroupBytes());
        List<String> ids = plan.ids(layout.id());
        List<Tuple> keys = plan.keys(layout.id());
        List<Rel> rels = plan.relationships(layout.id());
        try (BatchOutput out = new BatchOutput(target, schema, options, settings, staging, listener, tempDir);
                WriteBehind writes = new WriteBehind("extract-" + store + "-write")) {
            // One query ahead: the server works on the next chunk while this thread makes the rows of the last one.
            Result next = ids.isEmpty() ? null : query(tx, layout, ids.subList(0, Math.min(ids.size(), chunk)));
            for (int from = 0; from < ids.size(); from += chunk) {
                int to = Math.min(ids.size(), from + chunk);
                List<Value> fetched = RowSlices.all(next);
                next = to < ids.size() ? query(tx, layout, ids.subList(to, Math.min(ids.size(), to + chunk))) : null;
                String[][] rows = layout.label()
                        ? nodeRows(store, layout, fetched, ids.subList(from, to), keys.subList(from, to))
                        : relationshipRows(store, layout, fetched, keys.subList(from, to), rels.subList(from, to));
                for (String[] row : rows) {
                    if (row == null) {
                        throw changed(store, layout, "a " + (layout.label() ? "node" : "relationship")
                                + " of the plan is gone or no longer has its " + (layout.label() ? "label" : "type"));
                    }
                }
                writes.write(() -> {
                    for (String[] row : rows) {
                        out.write(row);
                    }
                });
                chunks.done(to - from);
            }
            writes.drain();
            return out.finish();
        } catch (Neo4jException e) {
            throw failure(store, "reading " + layout.text(), e);
        }
    }

    /**
     * The query for one chunk of a label's nodes or a type's relationships by id ({@link GraphIds}), sent. Rows come
     * back by their position in the chunk rather than their id: a node's {@code [position, labels, properties]}, a
     * relationship's {@code [position, start id, end id, properties]}. A relationship's key is its ends' keys, which
     * the plan read from those nodes: instead of reading them again (a property read at each end), each row brings
     * its ends' ids, which must still be the plan's. A node whose key changed is caught when its own label is read.
     */
    private static Result query(Transaction tx, Layout layout, List<String> ids) {
        String match = layout.label()
                ? "MATCH (n:" + quote(layout.id().name()) + ") WHERE " + GraphIds.of("n") + " = id"
                        + RowSlices.returning("[i, labels(n), properties(n)]")
                : "MATCH (a)-[r:" + quote(layout.id().name()) + "]->(b) WHERE " + GraphIds.of("r") + " = id"
                        + RowSlices.returning("[i, " + GraphIds.of("a") + ", " + GraphIds.of("b") + ", properties(r)]");
        return tx.run(RowSlices.EACH_ID + match, Map.of("ids", GraphIds.parameter(ids)));
    }

    /** One chunk's node rows, in the chunk's order (null where the graph returned nothing); {@code keys} are the plan's. */
    private static String[][] nodeRows(String store, Layout layout, List<Value> fetched, List<String> ids,
            List<Tuple> keys) {
        String[][] rows = new String[ids.size()][];
        for (Value r : fetched) {
            int i = r.get(0).asInt();
            rows[i] = nodeRow(store, layout, ids.get(i), r, keys.get(i));
        }
        return rows;
    }

    /** One chunk's relationship rows, as {@link #nodeRows}; {@code rels} are the plan's, in the same order. */
    private static String[][] relationshipRows(String store, Layout layout, List<Value> fetched, List<Tuple> keys,
            List<Rel> rels) {
        String[][] rows = new String[keys.size()][];
        for (Value r : fetched) {
            int i = r.get(0).asInt();
            rows[i] = relationshipRow(store, layout, rels.get(i), keys.get(i), GraphIds.text(r.get(1)),
                    GraphIds.text(r.get(2)), r.get(3).asMap());
        }
        return rows;
    }

    /** A relationship's row: its key is the plan's, once its ends are the plan's ({@code GRAPH_CHANGED} if not). */
    static String[] relationshipRow(String store, Layout layout, Rel planned, Tuple key, String startId, String endId,
            Map<String, Object> props) {
        if (!startId.equals(planned.startId()) || !endId.equals(planned.endId())) {
            throw changed(store, layout, "a relationship of the plan joins other nodes");
        }
        return row(store, layout, Arrays.asList(key.values()), props, key);
    }

    /** @param r {@code [position, labels, properties]} */
    private static String[] nodeRow(String store, Layout layout, String id, Value r, Tuple planned) {
        Map<String, Object> props = r.get(2).asMap();
        List<Object> key = new ArrayList<>();
        for (String k : layout.keyColumns()) {
            key.add(k.equals(GraphPlan.ELEMENT) ? id : props.get(k));
        }
        String[] row = row(store, layout, key, props, planned);
        row[row.length - 1] = GraphValues.text(new TreeSet<>(r.get(1).asList(Value::asString)).stream().toList());
        return row;
    }

    /** Key values first (checked against the plan), then the properties; a label's last column is left to fill. */
    static String[] row(String store, Layout layout, List<Object> key, Map<String, Object> props, Tuple planned) {
        String[] row = new String[layout.columns().size()];
        int at = 0;
        for (int i = 0; i < key.size(); i++) {
            if (!Objects.equals(key.get(i), planned.get(i))) {
                throw changed(store, layout, "the key (" + layout.keyColumns().get(i) + ") of a "
                        + (layout.label() ? "node" : "relationship") + " of the plan changed");
            }
            row[at++] = encode(store, layout, layout.keyColumns().get(i), key.get(i));
        }
        int known = 0;
        for (String p : layout.properties()) {
            Object v = props.get(p);
            if (v != null) {
                known++;
            }
            row[at++] = encode(store, layout, p, v);
        }
        if (layout.label()) {
            for (String k : layout.keyColumns()) {
                if (props.containsKey(k)) {
                    known++;
                }
            }
        }
        if (known != props.size()) {
            throw changed(store, layout, "a " + (layout.label() ? "node" : "relationship")
                    + " has a property the schema read at the start did not list");
        }
        return row;
    }

    private static String encode(String store, Layout layout, String property, Object value) {
        try {
            return GraphValues.text(value);
        } catch (GraphValues.UnsupportedValueException e) {
            throw ExtractionFailure.fatal("UNSUPPORTED_VALUE", "store " + store + ": " + layout.text() + "." + property
                    + ": " + e.getMessage());
        }
    }

    private static ExtractionFailure changed(String store, Layout layout, String what) {
        return ExtractionFailure.transientFailure("GRAPH_CHANGED", "store " + store + ": " + layout.text() + ": " + what
                + " since the closure was planned; a retry plans again", null);
    }

    /**
     * A lost or busy server is transient, anything else fatal; the message names what was read and Neo4j's
     * error code, never the driver's message (it may quote values).
     */
    static ExtractionFailure failure(String store, String what, Neo4jException e) {
        String code = e.code() == null || e.code().isBlank() || e.code().equals("N/A") ? e.getClass().getSimpleName()
                : e.code();
        if (e instanceof ServiceUnavailableException || e instanceof SessionExpiredException
                || e instanceof TransientException) {
            return ExtractionFailure.transientFailure("PROD_UNREACHABLE", "store " + store + " (prod): " + what
                    + " failed, the graph server was lost or busy (Neo4j " + code + ")", e);
        }
        return new ExtractionFailure(io.ferry.contracts.messages.Failure.Kind.FATAL, "PROD_READ_FAILED", "store " + store
                + " (prod): " + what + " failed (Neo4j " + code + ")", e);
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
