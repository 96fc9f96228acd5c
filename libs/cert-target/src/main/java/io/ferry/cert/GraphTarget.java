package io.ferry.cert;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.Neo4jException;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CERT Neo4j store as Ferry prepares and guards it: a marker node, uniqueness of the ledger's run nodes,
 * uniqueness constraints on the properties the loader merges nodes by, and indexes on the runs' stamps.
 */
public final class GraphTarget {

    /** The marker's label: one node with {@code environment: 'cert'}. */
    public static final String MARKER = "FerryEnvironment";
    /** The label of a run's ledger node. */
    public static final String RUN = "FerryRun";
    /** The label of the before-image a run keeps of a node it updated; {@value #LEDGER_RUN} names the run. */
    public static final String LEDGER = "FerryLedger";
    public static final String LEDGER_RUN = "_ferryLedgerRun";
    /** How long a load waits for new stamp indexes to come online: populating one reads its label's nodes once. */
    private static final long INDEX_WAIT_SECONDS = 600;
    private static final String EQUIVALENT_INDEX = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists";

    private GraphTarget() {
    }

    /** The database's store id: equal ids mean the same graph, whatever the URL. */
    public static String storeId(Driver driver) {
        try (Session session = driver.session()) {
            return session.run("CALL db.info() YIELD id RETURN id").single().get("id").asString();
        }
    }

    /** Refuses a graph that is the same database as a PROD graph connection. */
    public static void guard(String store, Driver cert, List<String> prodStoreIds) {
        if (prodStoreIds.contains(storeId(cert))) {
            throw new TargetRefusedException("store " + store + " (cert) is the same Neo4j database as a prod"
                    + " connection: Ferry never writes to PROD; point cert.url at the CERT graph");
        }
    }

    /**
     * Creates the constraints (idempotent) and the marker.
     *
     * @param mergeKeys    label to the property the loader merges its nodes by
     * @param prodStoreIds the PROD graphs' store ids, kept on the marker: the loader holds no PROD credentials and
     *                     refuses these by them ({@link #rememberedProd})
     * @throws TargetRefusedException if CERT's nodes already break a merge key's uniqueness
     */
    public static void prepare(String store, Driver cert, Map<String, String> mergeKeys, List<String> prodStoreIds) {
        try (Session session = cert.session()) {
            session.run("CREATE CONSTRAINT ferry_environment IF NOT EXISTS FOR (m:" + MARKER
                    + ") REQUIRE m.environment IS UNIQUE").consume();
            session.run("CREATE CONSTRAINT ferry_run IF NOT EXISTS FOR (r:" + RUN + ") REQUIRE r.runId IS UNIQUE")
                    .consume();
            mergeKeys.forEach((label, property) -> {
                try {
                    session.run("CREATE CONSTRAINT " + quote("ferry_key_" + label + "_" + property) + " IF NOT EXISTS"
                            + " FOR (n:" + quote(label) + ") REQUIRE n." + quote(property) + " IS UNIQUE").consume();
                } catch (Neo4jException e) {
                    throw new TargetRefusedException("store " + store + " (cert): nodes :" + label + " cannot be"
                            + " merged by " + property + ", CERT's own nodes repeat it (" + e.code() + ")");
                }
            });
            session.run("CREATE INDEX ferry_ledger IF NOT EXISTS FOR (l:" + LEDGER + ") ON (l." + LEDGER_RUN + ")")
                    .consume();
            session.run("MERGE (m:" + MARKER + " {environment: 'cert'}) ON CREATE SET m.store = $store,"
                    + " m.markedAt = datetime() SET m.prodStoreIds = $prod", Map.of("store", store, "prod", prodStoreIds))
                    .consume();
        }
    }

    /**
     * Indexes {@value GraphStamps#STAMP} on each label and relationship type a run writes (idempotent, also when
     * two loads ask at once), and waits until they are online. Without them every query that finds a run's nodes
     * by their stamp (compensation, the validator's checks) scans the whole CERT graph: taking one district's graph
     * out took over a minute.
     */
    public static void indexRunStamps(Driver cert, Collection<String> labels, Collection<String> types) {
        Map<String, String> wanted = new LinkedHashMap<>();
        labels.forEach(label -> wanted.put("ferry_run_label_" + label, "FOR (n:" + quote(label) + ") ON (n."
                + GraphStamps.STAMP + ")"));
        types.forEach(type -> wanted.put("ferry_run_type_" + type, "FOR ()-[r:" + quote(type) + "]-() ON (r."
                + GraphStamps.STAMP + ")"));
        try (Session session = cert.session()) {
            Map<String, String> states = new HashMap<>();
            session.run("SHOW INDEXES YIELD name, state").forEachRemaining(r -> states.put(r.get("name").asString(),
                    r.get("state").asString()));
            // Every load after a graph's first: one read, no schema transaction and no wait.
            if (wanted.keySet().stream().allMatch(name -> "ONLINE".equals(states.get(name)))) {
                return;
            }
            for (Map.Entry<String, String> index : wanted.entrySet()) {
                if (states.containsKey(index.getKey())) {
                    continue;
                }
                try {
                    session.run("CREATE INDEX " + quote(index.getKey()) + " IF NOT EXISTS " + index.getValue())
                            .consume();
                } catch (Neo4jException e) {
                    // Another district's load made the same index between the check and the create: it is there.
                    if (!EQUIVALENT_INDEX.equals(e.code())) {
                        throw e;
                    }
                }
            }
            session.run("CALL db.awaitIndexes($seconds)", Map.of("seconds", INDEX_WAIT_SECONDS)).consume();
        }
    }

    /**
     * Per label, the one property CERT's own constraints make unique: a single-property node key, else the first
     * single-property uniqueness constraint by name (the rule the planner applies to PROD's constraints when it names
     * a relationship's ends). Ferry's own labels are left out.
     */
    public static Map<String, String> uniqueKeys(Driver cert) {
        Map<String, String> keys = new HashMap<>();
        try (Session session = cert.session()) {
            session.run("SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties"
                    + " WHERE entityType = 'NODE' AND size(labelsOrTypes) = 1 AND size(properties) = 1"
                    + " AND (type CONTAINS 'UNIQUENESS' OR type CONTAINS 'KEY')"
                    + " RETURN labelsOrTypes[0] AS label, properties[0] AS property, type CONTAINS 'KEY' AS nodeKey"
                    + " ORDER BY nodeKey DESC, name").forEachRemaining(r -> keys.putIfAbsent(r.get("label").asString(),
                            r.get("property").asString()));
        }
        keys.keySet().removeAll(List.of(MARKER, RUN, LEDGER));
        return keys;
    }

    /** The PROD graphs' store ids init-target kept on the marker (none for an unprepared graph). */
    public static List<String> rememberedProd(Driver cert) {
        try (Session session = cert.session()) {
            List<Record> found = session.run("MATCH (m:" + MARKER + " {environment: 'cert'}) RETURN m.prodStoreIds AS ids")
                    .list();
            return found.isEmpty() || found.get(0).get("ids").isNull() ? List.of()
                    : found.get(0).get("ids").asList(v -> v.asString());
        }
    }

    /** The store's name in its marker, or empty if the graph was never prepared by {@code init-target}. */
    public static Optional<String> marker(Driver cert) {
        try (Session session = cert.session()) {
            List<Record> found = session.run("MATCH (m:" + MARKER + " {environment: 'cert'}) RETURN m.store AS store")
                    .list();
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).get("store").asString());
        }
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
