package io.ferry.loader.load;

import io.ferry.cert.GraphStamps;
import io.ferry.cert.GraphTarget;
import io.ferry.contracts.messages.CompensateResult.BlockedRow;
import io.ferry.contracts.messages.CompensateResult.Cause;
import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.schema.model.TableId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;

/**
 * A run taken back out of a CERT graph, from its stamps and ledger nodes: relationships and nodes stamped with the
 * run are deleted, nodes it merged onto get their before-images back. Also the checks before (what testers changed
 * or attached since the load) and the proof after. Deletes go in chunks, each its own transaction: a graph has no
 * transaction that spans a district, and every step can simply run again.
 */
final class GraphTakeOut {

    private static final int CHUNK = 10_000;
    private static final int LISTED = 100;

    private final Driver cert;
    private final String store;
    private final String runId;
    private final GraphRun.Written written;
    private final LoadTimeouts timeouts;

    /**
     * @param written the labels and types the run wrote: every query below goes by them, so that the stamp indexes
     *                ({@link GraphTarget#indexRunStamps}) serve it instead of a scan of the whole graph
     */
    GraphTakeOut(Driver cert, String store, String runId, GraphRun.Written written, LoadTimeouts timeouts) {
        this.cert = cert;
        this.store = store;
        this.runId = runId;
        this.written = written;
        this.timeouts = timeouts;
    }

    /**
     * What testers did since the load: a node or relationship the run created whose properties no longer hash to
     * its stamp, a node it merged onto that changed since, and a node it created that something not of the run
     * is attached to. At most {@value #LISTED} of each; the key is the element id.
     */
    List<BlockedRow> blocked() {
        List<BlockedRow> blocked = new ArrayList<>();
        changed().stream().limit(LISTED).forEach(c -> blocked.add(new BlockedRow(store, c.table(), c.id(),
                Cause.CHANGED_SINCE_LOAD)));
        Set<String> referenced = new HashSet<>();
        for (String label : written.labels()) {
            for (Record r : read(attached(label) + " RETURN DISTINCT elementId(n) AS id, labels(n) AS labels LIMIT "
                    + LISTED)) {
                if (referenced.size() < LISTED && referenced.add(r.get("id").asString())) {
                    blocked.add(new BlockedRow(store, label(r), r.get("id").asString(), Cause.REFERENCED_FROM_OUTSIDE));
                }
            }
        }
        return blocked;
    }

    /** A node or relationship testers changed since the load: its table ({@code label.X}) and element id. */
    private record Changed(String table, String id, boolean relationship) {
    }

    private List<Changed> changed() {
        // By element id: a node of two of the run's labels is found through each.
        Map<String, Changed> changed = new LinkedHashMap<>();
        for (String label : written.labels()) {
            for (Record r : read(stampedNodes(label) + " RETURN elementId(n) AS id, labels(n) AS labels,"
                    + " properties(n) AS props")) {
                if (changed(r.get("props").asMap(), r.get("props").get(GraphStamps.HASH).asObject())) {
                    changed.putIfAbsent(r.get("id").asString(), new Changed(label(r), r.get("id").asString(), false));
                }
            }
        }
        for (Record r : mergedNodes("elementId(n) AS id, labels(n) AS labels, properties(n) AS props,"
                + " l._ferryLedgerHash AS hash")) {
            if (changed(r.get("props").asMap(), r.get("hash").asObject())) {
                changed.putIfAbsent(r.get("id").asString(), new Changed(label(r), r.get("id").asString(), false));
            }
        }
        for (String type : written.types()) {
            for (Record r : read(stampedRelationships(type) + " RETURN elementId(x) AS id, properties(x) AS props")) {
                if (changed(r.get("props").asMap(), r.get("props").get(GraphStamps.HASH).asObject())) {
                    changed.putIfAbsent(r.get("id").asString(), new Changed(TableId.RELATIONSHIPS + "." + type,
                            r.get("id").asString(), true));
                }
            }
        }
        return List.copyOf(changed.values());
    }

    /**
     * Before a forced take-out: keeps, as {@code :FerryForcedImage} nodes, every node and relationship of the run
     * testers changed and every relationship not of the run attached to its nodes (those go with them), each with
     * its properties as they are.
     */
    void force() {
        List<Changed> changed = changed();
        List<String> nodes = changed.stream().filter(c -> !c.relationship()).map(Changed::id).toList();
        List<String> relationships = changed.stream().filter(Changed::relationship).map(Changed::id).toList();
        // The images lose the run's stamp: the take-out deletes whatever carries it.
        write("UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id CREATE (f:FerryForcedImage) SET f = properties(n),"
                + " f._ferryForcedRun = $run, f._ferryCause = 'changed', f._ferryLabels = labels(n),"
                + " f._ferryElement = id REMOVE f." + GraphStamps.STAMP + ", f." + GraphStamps.HASH, nodes);
        write("UNWIND $ids AS id MATCH ()-[x]->() WHERE elementId(x) = id CREATE (f:FerryForcedImage) SET f ="
                + " properties(x), f._ferryForcedRun = $run, f._ferryCause = 'changed', f._ferryType = type(x),"
                + " f._ferryElement = id REMOVE f." + GraphStamps.STAMP + ", f." + GraphStamps.HASH, relationships);
        // A relationship between two of the run's labels is met from both ends: one image of it.
        Set<String> referenced = new LinkedHashSet<>();
        for (String label : written.labels()) {
            read(attached(label) + " RETURN DISTINCT elementId(x) AS id")
                    .forEach(r -> referenced.add(r.get("id").asString()));
        }
        write("UNWIND $ids AS id MATCH ()-[x]->() WHERE elementId(x) = id CREATE (f:FerryForcedImage) SET f ="
                + " properties(x), f._ferryForcedRun = $run, f._ferryCause = 'referenced', f._ferryType = type(x),"
                + " f._ferryElement = id", List.copyOf(referenced));
    }

    /** @return per label or type, {deleted, restored} */
    Map<TableId, long[]> apply() {
        Map<TableId, long[]> done = new TreeMap<>();
        for (String type : written.types()) {
            long n = read(stampedRelationships(type) + " RETURN count(*) AS n").get(0).get("n").asLong();
            if (n > 0) {
                done.put(new TableId(store, TableId.RELATIONSHIPS, type), new long[] {n, 0});
            }
        }
        for (String label : written.labels()) {
            long n = read(stampedNodes(label) + " RETURN count(*) AS n").get(0).get("n").asLong();
            if (n > 0) {
                done.put(new TableId(store, TableId.LABELS, label), new long[] {n, 0});
            }
        }
        for (String type : written.types()) {
            String chunk = stampedRelationships(type) + " WITH x LIMIT " + CHUNK + " DELETE x RETURN count(*) AS n";
            while (writeCount(chunk) > 0) {
                // chunk by chunk
            }
        }
        for (String label : written.labels()) {
            String chunk = stampedNodes(label) + " WITH n LIMIT " + CHUNK + " DETACH DELETE n RETURN count(*) AS n";
            while (writeCount(chunk) > 0) {
                // chunk by chunk
            }
        }
        for (Record r : read("MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run})"
                + " RETURN l._ferryLabel AS label, l._ferryKey AS key, count(*) AS n")) {
            String label = r.get("label").asString();
            String key = r.get("key").asString();
            write(mergedNodes(label, key) + " SET n = properties(l) REMOVE n." + GraphTarget.LEDGER_RUN
                    + ", n._ferryLabel, n._ferryKey, n._ferryLedgerHash, n._ferryImageRun, n._ferryImageHash"
                    + " SET n." + GraphStamps.STAMP + " = l._ferryImageRun, n." + GraphStamps.HASH + " = l._ferryImageHash");
            done.computeIfAbsent(new TableId(store, TableId.LABELS, label), t -> new long[2])[1] += r.get("n").asLong();
        }
        return done;
    }

    /**
     * The proof: per label, the count and checksum of the property hashes of the nodes under the keys the run
     * merged onto: their before-images ({@code images}, the proof before the load, when the run's own nodes did not
     * exist), else the nodes as they are now plus any node still stamped with the run (none after compensation).
     */
    Map<TableId, TableProof> proofs(boolean images) {
        Map<TableId, List<String>> hashes = new TreeMap<>();
        List<Record> merged = images
                ? read("MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run}) RETURN l._ferryLabel AS"
                        + " label, properties(l) AS props")
                : mergedNodes("l._ferryLabel AS label, properties(n) AS props");
        for (Record r : merged) {
            Map<String, Object> props = new LinkedHashMap<>(r.get("props").asMap());
            hashes.computeIfAbsent(new TableId(store, TableId.LABELS, r.get("label").asString()), t -> new ArrayList<>())
                    .add(GraphStamps.hash(props));
        }
        if (!images) {
            for (String label : written.labels()) {
                for (Record r : read(stampedNodes(label) + " RETURN properties(n) AS props")) {
                    hashes.computeIfAbsent(new TableId(store, TableId.LABELS, label), t -> new ArrayList<>())
                            .add(GraphStamps.hash(r.get("props").asMap()));
                }
            }
        }
        Map<TableId, TableProof> proofs = new LinkedHashMap<>();
        hashes.forEach((t, list) -> proofs.put(t, proof(list)));
        return proofs;
    }

    /** The run's nodes of a label, {@code n}. */
    private static String stampedNodes(String label) {
        return "MATCH (n:" + GraphStoreLoad.quote(label) + ") WHERE n." + GraphStamps.STAMP + " = $run";
    }

    /** The run's nodes of a label ({@code n}) with each relationship not of the run that touches them ({@code x}). */
    private static String attached(String label) {
        return "MATCH (n:" + GraphStoreLoad.quote(label) + ")-[x]-() WHERE n." + GraphStamps.STAMP + " = $run AND"
                + " coalesce(x." + GraphStamps.STAMP + ", '') <> $run";
    }

    private static String stampedRelationships(String type) {
        return "MATCH ()-[x:" + GraphStoreLoad.quote(type) + "]->() WHERE x." + GraphStamps.STAMP + " = $run";
    }

    /** The nodes the run merged onto ({@code n}) with their ledger nodes ({@code l}), found by label and key. */
    private List<Record> mergedNodes(String returned) {
        List<Record> found = new ArrayList<>();
        for (Record r : read("MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run})"
                + " RETURN DISTINCT l._ferryLabel AS label, l._ferryKey AS key")) {
            found.addAll(read(mergedNodes(r.get("label").asString(), r.get("key").asString()) + " RETURN " + returned));
        }
        return found;
    }

    private static String mergedNodes(String label, String key) {
        return "MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run, _ferryLabel: " + literal(label)
                + ", _ferryKey: " + literal(key) + "}) MATCH (n:" + GraphStoreLoad.quote(label) + " {"
                + GraphStoreLoad.quote(key) + ": l[" + literal(key) + "]})";
    }

    /** Count and md5 of the sorted hashes joined by newlines; null for none, as in PostgreSQL. */
    static TableProof proof(List<String> hashes) {
        if (hashes.isEmpty()) {
            return new TableProof(0, null);
        }
        List<String> sorted = hashes.stream().sorted().toList();
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(String.join("\n", sorted).getBytes(StandardCharsets.UTF_8));
            return new TableProof(sorted.size(), String.format("%032x", new BigInteger(1, digest)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    private static boolean changed(Map<String, Object> props, Object hash) {
        return !GraphStamps.matches(props, hash);
    }

    private static String label(Record r) {
        List<String> labels = r.get("labels").asList(Value::asString);
        return TableId.LABELS + "." + (labels.isEmpty() ? "" : labels.stream().sorted().findFirst().orElseThrow());
    }

    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private List<Record> read(String cypher) {
        try (Session session = cert.session()) {
            return session.executeRead(tx -> tx.run(cypher, Map.of("run", runId)).list(), config());
        }
    }

    private void write(String cypher) {
        write(cypher, List.of());
    }

    private void write(String cypher, List<String> ids) {
        try (Session session = cert.session()) {
            session.executeWrite(tx -> tx.run(cypher, Map.of("run", runId, "ids", ids)).consume(), config());
        }
    }

    private long writeCount(String cypher) {
        try (Session session = cert.session()) {
            return session.executeWrite(tx -> tx.run(cypher, Map.of("run", runId)).single().get("n").asLong(), config());
        }
    }

    private TransactionConfig config() {
        return TransactionConfig.builder().withTimeout(timeouts.statement()).build();
    }
}
