package io.ferry.loader.load;

import io.ferry.cert.GraphStamps;
import io.ferry.cert.GraphTarget;
import io.ferry.cert.InitTarget;
import io.ferry.cert.TargetRefusedException;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.schema.introspect.Neo4jIntrospector;
import io.ferry.schema.model.TableId;
import io.ferry.schema.neo4j.GraphValues;
import io.ferry.service.StepTimes;
import io.ferry.service.run.StagedTable;
import io.ferry.spec.model.Spec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * Loads one Neo4j store's part of a run into CERT's graph. A graph has no transaction that spans a district, so
 * the load goes in batched transactions and its atomicity comes from compensation: everything it creates is
 * stamped with the run ({@value GraphStamps#STAMP}, with the hash of its properties in {@value GraphStamps#HASH}), a
 * node it merges onto one CERT already held keeps its before-image in a {@code :FerryLedger} node, and a load that
 * fails takes out what it wrote before it reports the failure. The run is recorded in a {@code :FerryRun} node.
 *
 * <p>Nodes of a label the spec links (init-target made its merge key unique) are merged on that key, rewritten
 * through the referenced store's key map where the link's target is remapped; nodes of other labels are created,
 * and relationships are created between their ends, found by key or, for created nodes, by the element id the
 * load gave them.
 */
public final class GraphStoreLoad {

    private static final int CHUNK = 5_000;
    /** Chunks of one relationship type written at once (see {@link ConcurrentChunks}). */
    private static final int PARALLEL_WRITES = 2;

    private final LoadTimeouts timeouts;
    private final StepTimes steps;

    public GraphStoreLoad(LoadTimeouts timeouts) {
        this(timeouts, new StepTimes());
    }

    /** @param steps the load's steps are marked on these, after what the caller marked before it */
    public GraphStoreLoad(LoadTimeouts timeouts, StepTimes steps) {
        this.timeouts = timeouts;
        this.steps = steps;
    }

    /**
     * Each step of the load and its time (prepare: the checks, the stamp indexes and the run's record; then nodes,
     * relationships, proofs), for benchmarks and logs.
     */
    public StepTimes steps() {
        return steps;
    }

    /**
     * @param staged   the run's staged tables (other stores' are ignored)
     * @param linkMaps per linked property ({@code Label.property}, {@code TYPE.property}), the key map its values
     *                 go through ({@link GraphLinkMaps})
     * @throws TargetRefusedException a graph without Ferry's marker (or another store's), or PROD's
     * @throws LoadRefusedException   a run this store already holds
     * @throws LoadFailedException    a write failed; what the load wrote was taken out again
     */
    public List<TableCounts> load(Driver cert, Spec spec, String store, RunInfo run, Map<TableId, StagedTable> staged,
            Map<String, Map<String, String>> linkMaps) {
        guard(cert, store);
        GraphRun ledger = new GraphRun(cert, store, timeouts);
        String status = ledger.status(run.runId());
        if (status != null && !status.equals("loading")) {
            throw new LoadRefusedException(store, "run " + run.runId() + " is already recorded here with status " + status);
        }
        if (status != null) {
            // An earlier attempt stopped half-way (its loader died): take out what it wrote and its record, then load
            // afresh.
            new GraphTakeOut(cert, store, run.runId(), ledger.written(run.runId()), timeouts).apply();
            ledger.forget(run.runId());
        }
        if (run.replaces() != null) {
            GraphCompensation.supersede(cert, store, run.replaces(), run.runId(), timeouts);
        }
        GraphRun.Written written = written(store, staged);
        try {
            GraphTarget.indexRunStamps(cert, written.labels(), written.types());
        } catch (Neo4jException e) {
            throw new LoadFailedException(store, "indexing the run stamps of " + written + " failed (" + e.code()
                    + "); nothing was written: check that the loader's CERT user may create indexes", e);
        }
        ledger.begin(run, written);
        steps.mark("prepare");
        try {
            Map<String, String> linkKeys = InitTarget.mergeKeys(spec, store);
            Map<String, String> mergeKeys = mergeKeys(cert, linkKeys, written.labels());
            Map<String, Map<String, String>> rewrites = linkMaps;
            Map<String, String> created = new HashMap<>();
            WrittenNodeKeys writtenKeys = new WrittenNodeKeys();
            Set<String> others = ledger.liveRunsOfOthers(run.district());
            List<TableCounts> counts = new ArrayList<>();
            for (Map.Entry<TableId, StagedTable> e : new TreeMap<>(staged).entrySet()) {
                TableId id = e.getKey();
                if (id.store().equals(store) && id.schema().equals(TableId.LABELS)) {
                    // The ends of a label the spec does not link may be named by PROD element id (PROD has no key
                    // for it), whether or not CERT's constraints merge it: its nodes' CERT ids are kept.
                    counts.add(loadLabel(cert, run.runId(), id.name(), e.getValue(), mergeKeys,
                            propertyMaps(id.name(), rewrites), created, !linkKeys.containsKey(id.name()), writtenKeys,
                            others));
                }
            }
            steps.mark("nodes");
            for (Map.Entry<TableId, StagedTable> e : new TreeMap<>(staged).entrySet()) {
                TableId id = e.getKey();
                if (id.store().equals(store) && id.schema().equals(TableId.RELATIONSHIPS)) {
                    counts.add(loadType(cert, run.runId(), store, id.name(), e.getValue(), mergeKeys, rewrites, created));
                }
            }
            steps.mark("relationships");
            ledger.finish(run.runId(), counts, new GraphTakeOut(cert, store, run.runId(), written, timeouts).proofs(true));
            steps.mark("proofs");
            return counts;
        } catch (RuntimeException e) {
            try {
                new GraphTakeOut(cert, store, run.runId(), written, timeouts).apply();
                ledger.forget(run.runId());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof LoadFailedException || e instanceof LoadRefusedException) {
                throw e;
            }
            throw new LoadFailedException(store, "the graph load failed and what it wrote was taken out ("
                    + describe(e) + ")", e);
        }
    }

    /**
     * What an earlier load of the run committed to this graph, as it reported it; empty when the run is not loaded
     * here. A redelivered request is answered from this instead of loading again.
     *
     * @throws LoadRefusedException the run was loaded here and taken out since
     */
    public static java.util.Optional<List<TableCounts>> loadedBefore(Driver cert, String store, String runId,
            LoadTimeouts timeouts) {
        if (GraphTarget.marker(cert).isEmpty()) {
            return java.util.Optional.empty();
        }
        GraphRun run = new GraphRun(cert, store, timeouts);
        String status = run.status(runId);
        if (status == null || status.equals("loading")) {
            return java.util.Optional.empty();
        }
        if (!status.equals("loaded")) {
            throw new LoadRefusedException(store, "run " + runId + " was loaded here and is " + status
                    + " since; loading it again needs a new run");
        }
        return java.util.Optional.of(run.counts(runId));
    }

    /**
     * Per label, the property its nodes merge on: the spec's link from the label, else the property CERT's own
     * constraints keep unique for the labels this run writes. The extractor names a relationship's end by its label's
     * PROD uniqueness key; a CERT that mirrors PROD's constraints keys the label the same way, so such ends are found
     * (and a CERT node under the key is updated, not duplicated) without a link in the spec.
     */
    private static Map<String, String> mergeKeys(Driver cert, Map<String, String> linkKeys, List<String> labels) {
        Map<String, String> keys = new HashMap<>(linkKeys);
        Map<String, String> certKeys = GraphTarget.uniqueKeys(cert);
        labels.forEach(label -> {
            if (certKeys.containsKey(label)) {
                keys.putIfAbsent(label, certKeys.get(label));
            }
        });
        return keys;
    }

    /** The store's labels and relationship types among the staged tables, in name order. */
    private static GraphRun.Written written(String store, Map<TableId, StagedTable> staged) {
        List<TableId> tables = new TreeMap<>(staged).keySet().stream().filter(t -> t.store().equals(store)).toList();
        return new GraphRun.Written(
                tables.stream().filter(t -> t.schema().equals(TableId.LABELS)).map(TableId::name).toList(),
                tables.stream().filter(t -> t.schema().equals(TableId.RELATIONSHIPS)).map(TableId::name).toList());
    }

    static void guard(Driver cert, String store) {
        String marker = GraphTarget.marker(cert).orElseThrow(() -> new TargetRefusedException("store " + store
                + " (cert) has no Ferry environment marker: Ferry loads only into a graph prepared with ferry init-target"));
        if (!marker.equals(store)) {
            throw new TargetRefusedException("store " + store + " (cert) is marked as CERT store " + marker
                    + ": check the spec's cert connection");
        }
        GraphTarget.guard(store, cert, GraphTarget.rememberedProd(cert));
    }

    /** Per property of {@code label} (or relationship type), the key map its values go through. */
    private static Map<String, Map<String, String>> propertyMaps(String label, Map<String, Map<String, String>> rewrites) {
        Map<String, Map<String, String>> maps = new HashMap<>();
        rewrites.forEach((labelProperty, map) -> {
            if (labelProperty.startsWith(label + ".")) {
                maps.put(labelProperty.substring(label.length() + 1), map);
            }
        });
        return maps;
    }

    private TableCounts loadLabel(Driver cert, String runId, String label, StagedTable table,
            Map<String, String> mergeKeys, Map<String, Map<String, String>> rewrites, Map<String, String> created,
            boolean keepIds, WrittenNodeKeys written, Set<String> others) {
        List<GraphRows.Row> rows = new ArrayList<>();
        long[] counts = new long[2];
        List<String> keyColumns = List.of(Neo4jIntrospector.ELEMENT);
        String properties = createdProperties(table, keyColumns);
        GraphRows.read(table, keyColumns, rewrites, row -> {
            rows.add(row);
            if (rows.size() == CHUNK) {
                add(counts, writeNodes(cert, runId, label, mergeKeys, rows, properties, created, keepIds, written, others));
                rows.clear();
            }
        });
        add(counts, writeNodes(cert, runId, label, mergeKeys, rows, properties, created, keepIds, written, others));
        return new TableCounts(TableId.LABELS, label, BatchKind.LABEL, counts[0], counts[1], 0, table.rows() - counts[0]
                - counts[1], null);
    }

    private static void add(long[] into, long[] counts) {
        into[0] += counts[0];
        into[1] += counts[1];
    }

    /**
     * @param properties the Cypher map a created node gets ({@link #createdProperties})
     * @param created    PROD element id to CERT element id of the nodes relationships may find by element id: those of
     *                   labels without a merge key, and of labels merged by CERT's key alone when {@code keepIds}
     * @param others     the live runs of other districts: a node one of them wrote under the row's merge key is the
     *                   same entity, shared by both districts' closures (as their PostgreSQL rows are), and is left
     *                   as it is
     * @return {created, updated}; rows of nodes this run already wrote through another label, or shared, are neither
     */
    private long[] writeNodes(Driver cert, String runId, String label, Map<String, String> mergeKeys,
            List<GraphRows.Row> rows, String properties, Map<String, String> created, boolean keepIds,
            WrittenNodeKeys written, Set<String> others) {
        if (rows.isEmpty()) {
            return new long[2];
        }
        String mergeKey = mergeKeys.get(label);
        Map<String, List<Map<String, Object>>> creates = new LinkedHashMap<>();
        List<Map<String, Object>> updates = new ArrayList<>();
        Map<Object, Record> existing = mergeKey == null ? Map.of() : existing(cert, label, mergeKey, rows);
        for (GraphRows.Row row : rows) {
            Map<String, Object> param = new HashMap<>();
            param.put("props", row.properties());
            param.put("hash", row.hash());
            List<String> labels = row.labels().isEmpty() ? List.of(label) : row.labels();
            String source = row.keys().get(Neo4jIntrospector.ELEMENT);
            if (mergeKey == null && created.containsKey(source)) {
                continue;
            }
            String clash = written.record(labels, row.properties(), mergeKeys, row.prodNode(labels.stream()
                    .map(mergeKeys::get).filter(k -> k != null).toList()));
            if (clash != null) {
                throw new LoadFailedException("graph", "two :" + clash + " nodes of the run have the same "
                        + mergeKeys.get(clash) + " after key remapping: a key a PostgreSQL key map moved meets a node that"
                        + " kept its PROD key because the run holds no row for it (validation reports such nodes); put"
                        + " their rows in the district's closure or their nodes out of it", null);
            }
            if (mergeKey == null || keepIds) {
                param.put("source", source);
            }
            if (mergeKey != null) {
                Object key = row.properties().get(mergeKey);
                if (key == null) {
                    throw new LoadFailedException("graph", ":" + label + " has a node without its merge key " + mergeKey,
                            null);
                }
                Record found = existing.get(key);
                if (found != null && (runId.equals(found.get("run").asString(null))
                        || others.contains(found.get("run").asString("")))) {
                    if (keepIds) {
                        created.put(source, found.get("id").asString());
                    }
                    continue;
                }
                if (found != null && row.moved().containsKey(mergeKey)) {
                    // A moved key is a fresh CERT key: a node under it is someone else's, not this row's to update.
                    throw new LoadFailedException("graph", ":" + label + " " + mergeKey + " " + key + " is the CERT key"
                            + " a PostgreSQL key map moved a node of the run to, and CERT's graph already holds a node"
                            + " under it that no loaded row accounts for: remove or re-key that node in CERT's graph,"
                            + " then load again", null);
                }
                if (found != null) {
                    Map<String, Object> merged = new TreeMap<>(found.get("props").asMap());
                    // Another run's stamp on the node is kept under other names: its take-out must not find the image.
                    Map<String, Object> image = new HashMap<>(merged);
                    image.put("_ferryImageRun", image.remove(GraphStamps.STAMP));
                    image.put("_ferryImageHash", image.remove(GraphStamps.HASH));
                    image.values().removeIf(v -> v == null);
                    merged.putAll(row.properties());
                    param.put("key", key);
                    param.put("image", image);
                    param.put("hash", GraphStamps.stamp(merged));
                    updates.add(param);
                    continue;
                }
            }
            creates.computeIfAbsent(labelExpression(labels), k -> new ArrayList<>()).add(param);
        }
        long done = 0;
        try (Session session = cert.session()) {
            for (Map.Entry<String, List<Map<String, Object>>> e : creates.entrySet()) {
                // One record per chunk: the CERT ids of the nodes relationships may find by element id (the others
                // they find by key), so a chunk of linked labels returns a count instead of thousands of records.
                Record made = session.executeWrite(tx -> tx.run("UNWIND $rows AS row CREATE (n" + e.getKey()
                        + " " + properties + ") RETURN count(n) AS n, collect(CASE WHEN row.source IS NULL THEN null"
                        + " ELSE [row.source, elementId(n)] END) AS ids",
                        Map.of("rows", e.getValue(), "run", runId)).single(), config());
                made.get("ids").values().forEach(pair -> created.put(pair.get(0).asString(), pair.get(1).asString()));
                done += made.get("n").asLong();
            }
            if (!updates.isEmpty()) {
                // The before-image first, in the same transaction as the update: compensation puts it back.
                Record updated = session.executeWrite(tx -> tx.run("UNWIND $rows AS row MATCH (n:" + quote(label)
                        + " {" + quote(mergeKey) + ": row.key}) CREATE (l:" + GraphTarget.LEDGER + ") SET l = row.image, l."
                        + GraphTarget.LEDGER_RUN + " = $run, l._ferryLabel = $label, l._ferryKey = $property,"
                        + " l._ferryLedgerHash = row.hash SET n += row.props RETURN collect(CASE WHEN row.source IS NULL"
                        + " THEN null ELSE [row.source, elementId(n)] END) AS ids",
                        Map.of("rows", updates, "run", runId, "label", label, "property", mergeKey)).single(), config());
                updated.get("ids").values().forEach(pair -> created.put(pair.get(0).asString(), pair.get(1).asString()));
            }
        } catch (Neo4jException e) {
            throw new LoadFailedException("graph", "writing :" + label + " nodes failed (" + e.code() + ")", e);
        }
        return new long[] {done, updates.size()};
    }

    /** CERT's nodes of the label with the rows' merge keys: key to {run (their stamp), props}. */
    private Map<Object, Record> existing(Driver cert, String label, String mergeKey, List<GraphRows.Row> rows) {
        List<Object> keys = rows.stream().map(r -> r.properties().get(mergeKey)).filter(k -> k != null).toList();
        Map<Object, Record> found = new HashMap<>();
        try (Session session = cert.session()) {
            for (Record r : session.executeRead(tx -> tx.run("UNWIND $keys AS k MATCH (n:" + quote(label) + " {"
                    + quote(mergeKey) + ": k}) RETURN k, n." + GraphStamps.STAMP + " AS run, properties(n) AS props,"
                    + " elementId(n) AS id",
                    Map.of("keys", keys)).list(), config())) {
                found.put(r.get("k").asObject(), r);
            }
        }
        return found;
    }

    private TableCounts loadType(Driver cert, String runId, String store, String type, StagedTable table,
            Map<String, String> mergeKeys, Map<String, Map<String, String>> rewrites, Map<String, String> created) {
        List<String> keyColumns = table.columns().stream().map(c -> c.name())
                .filter(n -> n.startsWith("from.") || n.startsWith("to.") || n.equals(Neo4jIntrospector.ELEMENT)).toList();
        Map<String, String> types = new HashMap<>();
        table.columns().forEach(c -> types.put(c.name(), c.pgType()));
        End start = End.of(store, type, keyColumns, "from.", mergeKeys, types);
        End end = End.of(store, type, keyColumns, "to.", mergeKeys, types);
        Map<String, Map<String, String>> maps = new HashMap<>(propertyMaps(type, rewrites));
        start.map(rewrites).ifPresent(m -> maps.put(start.column(), m));
        end.map(rewrites).ifPresent(m -> maps.put(end.column(), m));
        String cypher = "UNWIND $rows AS row " + start.match("a", "row.from") + " " + end.match("b", "row.to")
                + " CREATE (a)-[r:" + quote(type) + " " + createdProperties(table, keyColumns) + "]->(b)"
                + " RETURN count(r) AS n";
        List<Map<String, Object>> rows = new ArrayList<>();
        long[] done;
        try (ConcurrentChunks chunks = new ConcurrentChunks(PARALLEL_WRITES, "graph-load")) {
            GraphRows.read(table, keyColumns, maps, row -> {
                rows.add(Map.of("from", start.value(row, created), "to", end.value(row, created), "props",
                        row.properties(), "hash", row.hash()));
                if (rows.size() == CHUNK) {
                    List<Map<String, Object>> chunk = List.copyOf(rows);
                    chunks.submit(() -> new long[] {writeRelationships(cert, runId, type, cypher, chunk)});
                    rows.clear();
                }
            });
            List<Map<String, Object>> last = List.copyOf(rows);
            chunks.submit(() -> new long[] {writeRelationships(cert, runId, type, cypher, last)});
            done = chunks.drain();
        }
        return new TableCounts(TableId.RELATIONSHIPS, type, BatchKind.RELATIONSHIP, done[0], 0, 0, 0, null);
    }

    private long writeRelationships(Driver cert, String runId, String type, String cypher, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (Session session = cert.session()) {
            long n = session.executeWrite(tx -> tx.run(cypher, Map.of("rows", rows, "run", runId)).single().get("n")
                    .asLong(), config());
            if (n != rows.size()) {
                throw new LoadFailedException("graph", (rows.size() - n) + " of " + rows.size() + " :" + type
                        + " relationships found no start or end node in CERT", null);
            }
            return n;
        } catch (Neo4jException e) {
            throw new LoadFailedException("graph", "writing :" + type + " relationships failed (" + e.code() + ")", e);
        }
    }

    /**
     * One end of a relationship type as its batch names it: {@code from.personId} (a node merged on
     * {@code personId}, of the labels keyed by it) or {@code from.<element>} (a node this load created).
     */
    private record End(String column, String property, List<String> labels, String pgType) {

        static End of(String store, String type, List<String> keyColumns, String prefix, Map<String, String> mergeKeys,
                Map<String, String> types) {
            List<String> columns = keyColumns.stream().filter(c -> c.startsWith(prefix)).toList();
            if (columns.size() != 1) {
                throw new LoadRefusedException(store, ":" + type + " relationships name their " + prefix
                        + " node by " + columns + "; the loader takes one key column per end");
            }
            String property = columns.get(0).substring(prefix.length());
            if (property.equals(Neo4jIntrospector.ELEMENT)) {
                return new End(columns.get(0), null, List.of(), null);
            }
            List<String> labels = mergeKeys.entrySet().stream().filter(e -> e.getValue().equals(property))
                    .map(Map.Entry::getKey).sorted().toList();
            if (labels.isEmpty()) {
                throw new LoadRefusedException(store, ":" + type + " relationships name their " + prefix + " node by "
                        + property + ", which neither a link of the spec nor a uniqueness constraint of CERT's graph makes"
                        + " a label's merge key: add a link from that label's " + property + " to the spec, or create"
                        + " the constraint in CERT as PROD has it");
            }
            return new End(columns.get(0), property, labels, types.get(columns.get(0)));
        }

        String match(String alias, String value) {
            if (property == null) {
                return "MATCH (" + alias + ") WHERE elementId(" + alias + ") = " + value;
            }
            return "MATCH (" + alias + ":" + String.join("|", labels.stream().map(GraphStoreLoad::quote).toList()) + " {"
                    + quote(property) + ": " + value + "})";
        }

        java.util.Optional<Map<String, String>> map(Map<String, Map<String, String>> rewrites) {
            return property == null ? java.util.Optional.empty()
                    : labels.stream().map(l -> rewrites.get(l + "." + property)).filter(m -> m != null).findFirst();
        }

        /** The end's value for the query: the key typed as the node's property, or the CERT element id. */
        Object value(GraphRows.Row row, Map<String, String> created) {
            String text = row.keys().get(column);
            if (property == null) {
                String id = created.get(text);
                if (id == null) {
                    throw new LoadFailedException("graph", "a relationship names its " + column + " node by a PROD"
                            + " element id under which the run wrote no node", null);
                }
                return id;
            }
            return GraphValues.value(text, pgType);
        }
    }

    private TransactionConfig config() {
        return TransactionConfig.builder().withTimeout(timeouts.statement()).build();
    }

    static String labelExpression(List<String> labels) {
        StringBuilder expression = new StringBuilder();
        labels.stream().sorted().forEach(l -> expression.append(':').append(quote(l)));
        return expression.toString();
    }

    /**
     * The Cypher map a created node or relationship gets: each property column of the batch read from
     * {@code row.props} (a property the row lacks is null, which Neo4j does not store) and Ferry's stamps. Written in
     * the CREATE, not by {@code SET n = row.props}, whose plan holds two Eager operators: 5,000 nodes wrote about a
     * seventh faster this way and 5,000 relationships a fifteenth (docs/loader.md).
     */
    static String createdProperties(StagedTable table, List<String> keyColumns) {
        StringJoiner map = new StringJoiner(", ", "{", "}");
        table.columns().stream().map(c -> c.name())
                .filter(n -> !keyColumns.contains(n) && !n.equals(GraphValues.LABELS_COLUMN))
                .filter(n -> !n.equals(GraphStamps.STAMP) && !n.equals(GraphStamps.HASH))
                .forEach(n -> map.add(quote(n) + ": row.props." + quote(n)));
        map.add(GraphStamps.STAMP + ": $run");
        map.add(GraphStamps.HASH + ": row.hash");
        return map.toString();
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static String describe(RuntimeException e) {
        return e instanceof Neo4jException n ? n.code() : e.getClass().getSimpleName();
    }
}
