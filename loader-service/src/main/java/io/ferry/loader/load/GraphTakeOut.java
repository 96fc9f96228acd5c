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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final LoadTimeouts timeouts;

    GraphTakeOut(Driver cert, String store, String runId, LoadTimeouts timeouts) {
        this.cert = cert;
        this.store = store;
        this.runId = runId;
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
        for (Record r : read("MATCH (n)-[x]-() WHERE n." + GraphStamps.STAMP + " = $run AND coalesce(x." + GraphStamps.STAMP
                + ", '') <> $run RETURN DISTINCT elementId(n) AS id, labels(n) AS labels LIMIT " + LISTED)) {
            blocked.add(new BlockedRow(store, label(r), r.get("id").asString(), Cause.REFERENCED_FROM_OUTSIDE));
        }
        return blocked;
    }

    /** A node or relationship testers changed since the load: its table ({@code label.X}) and element id. */
    private record Changed(String table, String id, boolean relationship) {
    }

    private List<Changed> changed() {
        List<Changed> changed = new ArrayList<>();
        for (Record r : read("MATCH (n) WHERE n." + GraphStamps.STAMP + " = $run RETURN elementId(n) AS id,"
                + " labels(n) AS labels, properties(n) AS props")) {
            if (changed(r.get("props").asMap(), r.get("props").get(GraphStamps.HASH).asString(null))) {
                changed.add(new Changed(label(r), r.get("id").asString(), false));
            }
        }
        for (Record r : read("MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run}) MATCH (n)"
                + " WHERE l._ferryLabel IN labels(n) AND n[l._ferryKey] = l[l._ferryKey] RETURN elementId(n) AS id,"
                + " labels(n) AS labels, properties(n) AS props, l._ferryLedgerHash AS hash")) {
            if (changed(r.get("props").asMap(), r.get("hash").asString(null))) {
                changed.add(new Changed(label(r), r.get("id").asString(), false));
            }
        }
        for (Record r : read("MATCH ()-[x]->() WHERE x." + GraphStamps.STAMP + " = $run RETURN elementId(x) AS id,"
                + " type(x) AS type, properties(x) AS props")) {
            if (changed(r.get("props").asMap(), r.get("props").get(GraphStamps.HASH).asString(null))) {
                changed.add(new Changed(TableId.RELATIONSHIPS + "." + r.get("type").asString(), r.get("id").asString(), true));
            }
        }
        return changed;
    }

    /**
     * Before a forced take-out: keeps, as {@code :FerryForcedImage} nodes, every node and relationship of the run
     * testers changed and every relationship not of the run attached to its nodes (those go with them), each with
     * its properties as they are.
     */
    void force() {
        List<String> nodes = changed().stream().filter(c -> !c.relationship()).map(Changed::id).toList();
        List<String> relationships = changed().stream().filter(Changed::relationship).map(Changed::id).toList();
        // The images lose the run's stamp: the take-out deletes whatever carries it.
        write("UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id CREATE (f:FerryForcedImage) SET f = properties(n),"
                + " f._ferryForcedRun = $run, f._ferryCause = 'changed', f._ferryLabels = labels(n),"
                + " f._ferryElement = id REMOVE f." + GraphStamps.STAMP + ", f." + GraphStamps.HASH, nodes);
        write("UNWIND $ids AS id MATCH ()-[x]->() WHERE elementId(x) = id CREATE (f:FerryForcedImage) SET f ="
                + " properties(x), f._ferryForcedRun = $run, f._ferryCause = 'changed', f._ferryType = type(x),"
                + " f._ferryElement = id REMOVE f." + GraphStamps.STAMP + ", f." + GraphStamps.HASH, relationships);
        write("MATCH (n)-[x]-(o) WHERE n." + GraphStamps.STAMP + " = $run AND coalesce(x." + GraphStamps.STAMP + ", '') <> $run"
                + " WITH DISTINCT x CREATE (f:FerryForcedImage) SET f = properties(x), f._ferryForcedRun = $run,"
                + " f._ferryCause = 'referenced', f._ferryType = type(x), f._ferryElement = elementId(x)", List.of());
    }

    /** @return per label or type, {deleted, restored} */
    Map<TableId, long[]> apply() {
        Map<TableId, long[]> done = new TreeMap<>();
        for (Record r : read("MATCH ()-[x]->() WHERE x." + GraphStamps.STAMP + " = $run RETURN type(x) AS t, count(*) AS n")) {
            done.put(new TableId(store, TableId.RELATIONSHIPS, r.get("t").asString()), new long[] {r.get("n").asLong(), 0});
        }
        for (Record r : read("MATCH (n) WHERE n." + GraphStamps.STAMP + " = $run UNWIND labels(n) AS l RETURN l, count(*) AS n")) {
            done.put(new TableId(store, TableId.LABELS, r.get("l").asString()), new long[] {r.get("n").asLong(), 0});
        }
        while (writeCount("MATCH ()-[x]->() WHERE x." + GraphStamps.STAMP + " = $run WITH x LIMIT " + CHUNK
                + " DELETE x RETURN count(*) AS n") > 0) {
            // chunk by chunk
        }
        while (writeCount("MATCH (n) WHERE n." + GraphStamps.STAMP + " = $run WITH n LIMIT " + CHUNK
                + " DETACH DELETE n RETURN count(*) AS n") > 0) {
            // chunk by chunk
        }
        for (Record r : read("MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run})"
                + " RETURN l._ferryLabel AS label, l._ferryKey AS key, count(*) AS n")) {
            String label = r.get("label").asString();
            String key = r.get("key").asString();
            write("MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run, _ferryLabel: "
                    + literal(label) + "}) MATCH (n:" + GraphStoreLoad.quote(label) + " {" + GraphStoreLoad.quote(key)
                    + ": l[" + literal(key) + "]}) SET n = properties(l) REMOVE n." + GraphTarget.LEDGER_RUN
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
        String nodes = images
                ? "MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run}) RETURN l._ferryLabel AS label,"
                        + " properties(l) AS props"
                : "MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run}) MATCH (n) WHERE"
                        + " l._ferryLabel IN labels(n) AND n[l._ferryKey] = l[l._ferryKey] RETURN l._ferryLabel AS label,"
                        + " properties(n) AS props";
        for (Record r : read(nodes)) {
            Map<String, Object> props = new LinkedHashMap<>(r.get("props").asMap());
            hashes.computeIfAbsent(new TableId(store, TableId.LABELS, r.get("label").asString()), t -> new ArrayList<>())
                    .add(GraphStamps.hash(props));
        }
        if (!images) {
            for (Record r : read("MATCH (n) WHERE n." + GraphStamps.STAMP + " = $run UNWIND labels(n) AS l RETURN l AS label,"
                    + " properties(n) AS props")) {
                hashes.computeIfAbsent(new TableId(store, TableId.LABELS, r.get("label").asString()), t -> new ArrayList<>())
                        .add(GraphStamps.hash(r.get("props").asMap()));
            }
        }
        Map<TableId, TableProof> proofs = new LinkedHashMap<>();
        hashes.forEach((t, list) -> proofs.put(t, proof(list)));
        return proofs;
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

    private static boolean changed(Map<String, Object> props, String hash) {
        return hash == null || !GraphStamps.hash(props).equals(hash);
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
