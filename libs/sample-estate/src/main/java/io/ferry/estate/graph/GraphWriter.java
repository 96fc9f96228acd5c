package io.ferry.estate.graph;

import io.ferry.estate.model.World;
import io.ferry.testkit.neo4j.Neo4jServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Session;

/** Loads a world's graph through the driver: uniqueness constraints first, then UNWIND batches. */
public final class GraphWriter extends GraphCounter {
    static final int BATCH = 5000;

    private final Session session;
    private final Map<String, List<Map<String, Object>>> pending = new LinkedHashMap<>();
    private final Map<String, String> statements = new LinkedHashMap<>();
    private boolean nodesDone;

    private GraphWriter(Session session, int districts, Map<String, List<List<String>>> sets) {
        super(districts, sets);
        this.session = session;
    }

    public static GraphCounter write(Neo4jServer server, World world, Map<String, List<List<String>>> sets) {
        try (Session session = server.driver().session()) {
            for (Map.Entry<String, String> k : GraphModel.KEYS.entrySet()) {
                session.run("CREATE CONSTRAINT " + k.getKey().toLowerCase() + "_" + k.getValue() + " IF NOT EXISTS FOR (n:"
                        + k.getKey() + ") REQUIRE n." + k.getValue() + " IS UNIQUE").consume();
            }
            session.run("CREATE INDEX person_district IF NOT EXISTS FOR (n:Person) ON (n.districtId)").consume();
            session.run("CALL db.awaitIndexes(300)").consume();
            GraphWriter w = new GraphWriter(session, world.districts.size(), sets);
            GraphModel.emit(world, w);
            w.flushAll();
            return w;
        }
    }

    @Override
    public void node(String label, int district, Map<String, Object> props) {
        super.node(label, district, props);
        add("N:" + label, "UNWIND $rows AS r CREATE (n:" + label + ") SET n = r", props);
    }

    @Override
    public void rel(String type, int district, String fromLabel, String fromKey, Object fromValue, String toLabel,
                    String toKey, Object toValue, Map<String, Object> props) {
        super.rel(type, district, fromLabel, fromKey, fromValue, toLabel, toKey, toValue, props);
        if (!nodesDone) {
            flushAll();
            nodesDone = true;
        }
        String key = "R:" + type + ":" + fromLabel + ":" + toLabel;
        String cypher = "UNWIND $rows AS r MATCH (a:" + fromLabel + " {" + fromKey + ": r.a}) MATCH (b:" + toLabel + " {" + toKey
                + ": r.b}) CREATE (a)-[x:" + type + "]->(b) SET x = r.p";
        Map<String, Object> row = new LinkedHashMap<>(4);
        row.put("a", fromValue);
        row.put("b", toValue);
        row.put("p", props);
        add(key, cypher, row);
    }

    private void add(String key, String cypher, Map<String, Object> row) {
        statements.putIfAbsent(key, cypher);
        List<Map<String, Object>> rows = pending.computeIfAbsent(key, k -> new ArrayList<>(BATCH));
        rows.add(row);
        if (rows.size() >= BATCH) {
            flush(key);
        }
    }

    private void flush(String key) {
        List<Map<String, Object>> rows = pending.get(key);
        if (rows == null || rows.isEmpty()) {
            return;
        }
        String cypher = statements.get(key);
        List<Map<String, Object>> batch = List.copyOf(rows);
        rows.clear();
        session.executeWriteWithoutResult(tx -> tx.run(cypher, Map.of("rows", batch)).consume());
    }

    private void flushAll() {
        for (String key : new ArrayList<>(pending.keySet())) {
            flush(key);
        }
    }
}
