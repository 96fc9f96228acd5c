package io.ferry.validator.verify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cert.GraphStamps;
import io.ferry.cert.GraphTarget;
import io.ferry.contracts.Json;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.contracts.messages.Severity;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.StagedTable;
import io.ferry.validator.check.CertLookup;
import io.ferry.validator.check.Findings;
import io.ferry.validator.check.GraphCertChecks;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Values;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one CERT graph holds for a finished run, from its {@code :FerryRun} node, the stamps on what the run created
 * and its ledger nodes: the run is recorded as loaded; per label and relationship type the batches' rows are what
 * the load counted and that many nodes or relationships are there; none of them changed since the load (their
 * properties still hash to their stamp). Reads only.
 */
final class GraphRunCheck {

    private static final ObjectMapper JSON = Json.newMapper();

    private final Driver cert;
    private final String store;
    private final String runId;
    private final Findings findings;
    private final int examples;

    GraphRunCheck(Driver cert, String store, String runId, Findings findings, int examples) {
        this.cert = cert;
        this.store = store;
        this.runId = runId;
        this.findings = findings;
        this.examples = examples;
    }

    /** The run's status on its {@code :FerryRun} node, or null when the graph has no record of it. */
    String status() {
        return single("OPTIONAL MATCH (r:" + GraphTarget.RUN + " {runId: $run}) RETURN r.status AS v").get("v").asString(null);
    }

    /** What the load counted, per label and relationship type. */
    List<TableCounts> counts() {
        String text = single("MATCH (r:" + GraphTarget.RUN + " {runId: $run}) RETURN r.counts AS v").get("v").asString("[]");
        try {
            return JSON.readValue(text, new TypeReference<List<TableCounts>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("the load counts of run " + runId + " in store " + store + " do not read", e);
        }
    }

    /**
     * Checks one label or relationship type the run loaded.
     *
     * @param staged its anonymized batches, or null when they are gone (graph checks only)
     */
    void table(TableCounts counts, StagedTable staged) {
        boolean relationship = TableId.RELATIONSHIPS.equals(counts.schema());
        TableId id = new TableId(store, counts.schema(), counts.table());
        String name = GraphCertChecks.cypher(counts.table());
        long held = relationship
                ? single("MATCH ()-[x:" + name + "]->() WHERE x." + GraphStamps.STAMP + " = $run RETURN count(x) AS v")
                        .get("v").asLong()
                : single("MATCH (n:" + name + ") WHERE n." + GraphStamps.STAMP + " = $run RETURN count(n) AS v").get("v")
                        .asLong()
                        + single("MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run, _ferryLabel: $label})"
                                + " RETURN count(l) AS v", Map.of("label", counts.table())).get("v").asLong();
        long loaded = counts.inserted() + counts.updated();
        if (held != loaded) {
            findings.add("verify.missing", Severity.ERROR, id, null, Math.abs(loaded - held), List.of());
        }
        List<String> changed = new ArrayList<>();
        long changedCount = 0;
        String query = relationship
                ? "MATCH ()-[x:" + name + "]->() WHERE x." + GraphStamps.STAMP + " = $run RETURN elementId(x) AS id,"
                        + " properties(x) AS props"
                : "MATCH (x:" + name + ") WHERE x." + GraphStamps.STAMP + " = $run RETURN elementId(x) AS id,"
                        + " properties(x) AS props";
        for (Record r : list(query, Map.of())) {
            Map<String, Object> props = r.get("props").asMap();
            if (!GraphStamps.matches(props, props.get(GraphStamps.HASH))) {
                changedCount++;
                if (changed.size() < examples) {
                    changed.add(r.get("id").asString());
                }
            }
        }
        if (changedCount > 0) {
            findings.add("verify.changed", Severity.ERROR, id, null, changedCount, changed);
        }
        if (staged != null && staged.rows() != loaded + counts.skipped()) {
            findings.add("verify.rows", Severity.ERROR, id, null, Math.abs(staged.rows() - loaded - counts.skipped()),
                    List.of());
        }
    }

    /** The distinct values of a link's property on the run's nodes of its label, to be looked up where it points. */
    CertLookup referenced(Reference reference) {
        String label = GraphCertChecks.cypher(reference.from().name());
        String property = "n." + GraphCertChecks.cypher(reference.fromColumns().get(0));
        List<CertLookup.Key> keys = new ArrayList<>();
        for (Record r : list("MATCH (n:" + label + ") WHERE n." + GraphStamps.STAMP + " = $run AND " + property
                + " IS NOT NULL RETURN toString(" + property + ") AS v, count(*) AS c, min(elementId(n)) AS ex", Map.of())) {
            keys.add(new CertLookup.Key(new String[] {r.get("v").asString()}, r.get("c").asLong(), r.get("ex").asString()));
        }
        return new CertLookup(reference, "verify.references", reference.fromColumns().get(0), keys);
    }

    private Record single(String query) {
        return single(query, Map.of());
    }

    private Record single(String query, Map<String, Object> parameters) {
        return list(query, parameters).get(0);
    }

    private List<Record> list(String query, Map<String, Object> parameters) {
        Map<String, Object> all = new java.util.HashMap<>(parameters);
        all.put("run", runId);
        try (Session session = cert.session()) {
            return session.executeRead(tx -> tx.run(query, Values.value(all)).list());
        }
    }
}
