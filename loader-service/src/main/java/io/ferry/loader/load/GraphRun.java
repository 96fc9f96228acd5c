package io.ferry.loader.load;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cert.GraphTarget;
import io.ferry.contracts.Json;
import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.schema.model.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;

/**
 * A run's {@code :FerryRun} node in a CERT graph: what {@code ferry.run}, {@code ferry.run_count} and
 * {@code ferry.run_proof} are in PostgreSQL. Its status is {@code loading} while a load writes, then {@code loaded},
 * {@code compensated} or {@code superseded}; its counts and proofs are JSON text (a node property cannot be a map).
 */
final class GraphRun {

    private static final ObjectMapper JSON = Json.newMapper();

    private final Driver cert;
    private final String store;
    private final LoadTimeouts timeouts;

    GraphRun(Driver cert, String store, LoadTimeouts timeouts) {
        this.cert = cert;
        this.store = store;
        this.timeouts = timeouts;
    }

    /** The run's status here, or null when the graph has no record of it. */
    String status(String runId) {
        Record r = single("OPTIONAL MATCH (r:" + GraphTarget.RUN + " {runId: $run}) RETURN r.status AS status", runId);
        return r.get("status").asString(null);
    }

    /** The runs of districts other than {@code district} that this graph holds as loaded. */
    Set<String> liveRunsOfOthers(String district) {
        try (Session session = cert.session()) {
            return Set.copyOf(session.executeRead(tx -> tx.run("MATCH (r:" + GraphTarget.RUN + ") WHERE"
                    + " r.status = 'loaded' AND r.district <> $district RETURN r.runId AS run", Map.of("district", district))
                    .list(r -> r.get("run").asString()), config()));
        }
    }

    /** Before the load's first write: the run as {@code loading}, with the labels and types it is about to write. */
    void begin(RunInfo run, Written written) {
        write("CREATE (r:" + GraphTarget.RUN + " {runId: $run}) SET r.district = $district, r.specHash = $spec,"
                + " r.keyVersion = $key, r.requestedBy = $by, r.startedAt = datetime(), r.status = 'loading',"
                + " r.labels = $labels, r.types = $types",
                Map.of("run", run.runId(), "district", run.district(), "spec", run.specHash(), "key", run.keyVersion(),
                        "by", run.requestedBy() == null ? "" : run.requestedBy(), "labels", written.labels(),
                        "types", written.types()));
    }

    /** The labels and relationship types a run writes: where its take-out looks for its stamps. */
    record Written(List<String> labels, List<String> types) {
    }

    /**
     * What the run wrote here. A run recorded before the lists were kept gets every label and type of the graph:
     * slower to take out (a scan per label), never incomplete.
     */
    Written written(String runId) {
        Record r = single("MATCH (r:" + GraphTarget.RUN + " {runId: $run}) RETURN r.labels AS labels, r.types AS types",
                runId);
        if (!r.get("labels").isNull()) {
            return new Written(r.get("labels").asList(v -> v.asString()), r.get("types").asList(v -> v.asString()));
        }
        try (Session session = cert.session()) {
            return session.executeRead(tx -> new Written(
                    tx.run("CALL db.labels() YIELD label RETURN label").list(l -> l.get(0).asString()),
                    tx.run("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType")
                            .list(t -> t.get(0).asString())), config());
        }
    }

    /** The load committed its last batch: the counts, and the proof of what the run's keys held before it. */
    void finish(String runId, List<TableCounts> counts, Map<TableId, TableProof> before) {
        long rows = counts.stream().mapToLong(c -> c.inserted() + c.updated()).sum();
        write("MATCH (r:" + GraphTarget.RUN + " {runId: $run}) SET r.status = 'loaded', r.finishedAt = datetime(),"
                + " r.rows = $rows, r.counts = $counts, r.proofBefore = $before",
                Map.of("run", runId, "rows", rows, "counts", json(counts), "before", json(byName(before))));
    }

    /**
     * A failed load leaves no record: what it wrote was taken out, and its before-images went back. The ledger nodes
     * go too, or loading the run again would keep two images of each node it merges onto.
     */
    void forget(String runId) {
        write("MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run}) DELETE l", Map.of("run", runId));
        write("MATCH (r:" + GraphTarget.RUN + " {runId: $run}) DELETE r", Map.of("run", runId));
    }

    void takenOut(String runId, String status, String supersededBy, Map<TableId, TableProof> after) {
        write("MATCH (r:" + GraphTarget.RUN + " {runId: $run}) SET r.status = $status, r.supersededBy = $by,"
                + " r.takenOutAt = datetime(), r.proofAfter = $after", Map.of("run", runId, "status", status,
                "by", supersededBy == null ? "" : supersededBy, "after", json(byName(after))));
    }

    List<TableCounts> counts(String runId) {
        String text = single("MATCH (r:" + GraphTarget.RUN + " {runId: $run}) RETURN r.counts AS v", runId).get("v")
                .asString("[]");
        try {
            return JSON.readValue(text, new TypeReference<List<TableCounts>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("the counts of run " + runId + " in store " + store + " do not read", e);
        }
    }

    /** The proof kept at load ({@code proofBefore}) or at compensation ({@code proofAfter}). */
    Map<TableId, TableProof> proof(String runId, String property) {
        String text = single("MATCH (r:" + GraphTarget.RUN + " {runId: $run}) RETURN r." + property + " AS v", runId)
                .get("v").asString("{}");
        try {
            Map<String, TableProof> named = JSON.readValue(text, new TypeReference<Map<String, TableProof>>() { });
            Map<TableId, TableProof> proofs = new LinkedHashMap<>();
            named.forEach((name, proof) -> {
                List<String> parts = TableId.splitQualified(name);
                proofs.put(new TableId(store, parts.get(0), parts.get(1)), proof);
            });
            return proofs;
        } catch (IOException e) {
            throw new UncheckedIOException("the proof of run " + runId + " in store " + store + " does not read", e);
        }
    }

    private static Map<String, TableProof> byName(Map<TableId, TableProof> proofs) {
        Map<String, TableProof> named = new LinkedHashMap<>();
        proofs.forEach((t, p) -> named.put(t.qualified(), p));
        return named;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Record single(String cypher, String runId) {
        try (Session session = cert.session()) {
            return session.executeRead(tx -> tx.run(cypher, Map.of("run", runId)).single(), config());
        }
    }

    private void write(String cypher, Map<String, Object> parameters) {
        try (Session session = cert.session()) {
            session.executeWrite(tx -> tx.run(cypher, parameters).consume(), config());
        }
    }

    private TransactionConfig config() {
        return TransactionConfig.builder().withTimeout(timeouts.statement()).build();
    }
}
