package io.ferry.validator.check;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.contracts.messages.Severity;
import io.ferry.schema.neo4j.GraphValues;
import io.ferry.service.run.StagedTable;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Values;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Uniqueness against CERT's graph: the nodes of a label the spec links are merged on their link property (init-target
 * made it unique), so a node of the run whose key a node in CERT already holds does not become a second node. Each
 * such overlap is a warning naming what resolves it: {@code merge} (the load merges onto CERT's node and keeps its
 * before-image) or {@code remap} (the key follows its PostgreSQL row to a fresh key; a fresh key meeting another CERT
 * node fails the load, closed). Reads CERT only.
 */
public final class GraphCertChecks {

    private static final int CHUNK = 10_000;

    private final Driver cert;
    private final Findings findings;
    private final int examples;

    public GraphCertChecks(Driver cert, Findings findings, int examples) {
        this.cert = cert;
        this.findings = findings;
        this.examples = examples;
    }

    /**
     * @param staged     a label's batches
     * @param property   the label's merge key
     * @param resolvedBy {@code merge} or {@code remap}
     */
    public void mergeKey(StagedTable staged, String property, String resolvedBy) {
        BatchColumn column = staged.column(property).orElse(null);
        if (column == null) {
            return;
        }
        int index = staged.columns().indexOf(column);
        String type = column.pgType().startsWith(GraphValues.TYPE_PREFIX) ? column.pgType() : null;
        String query = "UNWIND $keys AS k MATCH (n:" + cypher(staged.id().name()) + ") WHERE n." + cypher(property)
                + " = k RETURN count(n) AS c, collect(k)[0.." + examples + "] AS ex";
        long overlaps = 0;
        List<String> found = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (Path file : staged.files()) {
            try (BatchReader reader = BatchReader.open(file, null)) {
                for (String[] row = reader.next(); row != null; row = reader.next()) {
                    if (row[index] != null) {
                        keys.add(type == null ? row[index] : GraphValues.value(row[index], type));
                    }
                    if (keys.size() == CHUNK) {
                        overlaps += lookUp(query, keys, found);
                        keys.clear();
                    }
                }
            }
        }
        if (!keys.isEmpty()) {
            overlaps += lookUp(query, keys, found);
        }
        if (overlaps > 0) {
            findings.add("unique-in-cert:" + resolvedBy, Severity.WARNING, staged.id(), property, overlaps,
                    found.stream().limit(examples).toList());
        }
    }

    private long lookUp(String query, List<Object> keys, List<String> found) {
        try (Session session = cert.session()) {
            Record r = session.executeRead(tx -> tx.run(query, Values.value(Map.of("keys", keys))).single());
            r.get("ex").asList(v -> GraphValues.text(v.asObject())).forEach(found::add);
            return r.get("c").asLong();
        }
    }

    /** A label, type or property name as Cypher writes it: in backticks, a backtick doubled. */
    public static String cypher(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
