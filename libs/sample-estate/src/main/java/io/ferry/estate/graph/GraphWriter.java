package io.ferry.estate.graph;

import io.ferry.estate.model.World;
import io.ferry.testkit.neo4j.Neo4jServer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.schema.ConstraintDefinition;
import org.neo4j.graphdb.schema.IndexDefinition;

/**
 * Loads a world's graph into a server of this JVM through its embedded API: uniqueness constraints first, then
 * nodes and relationships in transactions of {@value #BATCH}. Not through Bolt and Cypher, where a cold server spent
 * most of a small estate's generation compiling each new statement (0.2-2 s each, 16 s for PROD's graph against
 * 5.5 s for all four PostgreSQL stores). A relationship whose end is not in the graph is left out, as a
 * {@code MATCH} of the end would leave it out.
 */
public final class GraphWriter extends GraphCounter {
    static final int BATCH = 5000;

    private final GraphDatabaseService db;
    private Transaction tx;
    private int inTx;

    private GraphWriter(GraphDatabaseService db, int districts, Map<String, List<List<String>>> sets) {
        super(districts, sets);
        this.db = db;
    }

    public static GraphCounter write(Neo4jServer server, World world, Map<String, List<List<String>>> sets) {
        GraphDatabaseService db = server.database();
        schema(db);
        GraphWriter w = new GraphWriter(db, world.districts.size(), sets);
        try {
            GraphModel.emit(world, w);
            w.commit();
        } finally {
            if (w.tx != null) {
                w.tx.close();
            }
        }
        return w;
    }

    /** A unique constraint per merge key ({@code district_districtId}, ...) and an index on Person.districtId. */
    private static void schema(GraphDatabaseService db) {
        try (Transaction t = db.beginTx()) {
            Set<String> existing = StreamSupport.stream(t.schema().getConstraints().spliterator(), false)
                    .map(ConstraintDefinition::getName).collect(Collectors.toSet());
            for (Map.Entry<String, String> k : GraphModel.KEYS.entrySet()) {
                String name = k.getKey().toLowerCase() + "_" + k.getValue();
                if (!existing.contains(name)) {
                    t.schema().constraintFor(Label.label(k.getKey())).assertPropertyIsUnique(k.getValue()).withName(name)
                            .create();
                }
            }
            Set<String> indexes = StreamSupport.stream(t.schema().getIndexes().spliterator(), false)
                    .map(IndexDefinition::getName).collect(Collectors.toSet());
            if (!indexes.contains("person_district")) {
                t.schema().indexFor(Label.label("Person")).on("districtId").withName("person_district").create();
            }
            t.commit();
        }
        try (Transaction t = db.beginTx()) {
            t.schema().awaitIndexesOnline(300, TimeUnit.SECONDS);
        }
    }

    @Override
    public void node(String label, int district, Map<String, Object> props) {
        super.node(label, district, props);
        Node n = tx().createNode(Label.label(label));
        props.forEach((k, v) -> n.setProperty(k, value(v)));
    }

    @Override
    public void rel(String type, int district, String fromLabel, String fromKey, Object fromValue, String toLabel,
                    String toKey, Object toValue, Map<String, Object> props) {
        super.rel(type, district, fromLabel, fromKey, fromValue, toLabel, toKey, toValue, props);
        Transaction t = tx();
        Node a = t.findNode(Label.label(fromLabel), fromKey, value(fromValue));
        Node b = t.findNode(Label.label(toLabel), toKey, value(toValue));
        if (a != null && b != null) {
            Relationship r = a.createRelationshipTo(b, RelationshipType.withName(type));
            props.forEach((k, v) -> r.setProperty(k, value(v)));
        }
    }

    /** The open transaction, committed and begun again every {@value #BATCH} writes. */
    private Transaction tx() {
        if (tx != null && inTx >= BATCH) {
            commit();
        }
        if (tx == null) {
            tx = db.beginTx();
        }
        inTx++;
        return tx;
    }

    private void commit() {
        if (tx != null) {
            tx.commit();
            tx.close();
            tx = null;
            inTx = 0;
        }
    }

    /** A property value as Bolt would have stored it: integers as longs (the model's values are these types). */
    private static Object value(Object v) {
        return switch (v) {
            case Long l -> l;
            case Integer i -> i.longValue();
            case String s -> s;
            case LocalDate d -> d;
            case Boolean b -> b;
            case Double d -> d;
            default -> throw new IllegalArgumentException("no graph property type for " + v.getClass().getName());
        };
    }
}
