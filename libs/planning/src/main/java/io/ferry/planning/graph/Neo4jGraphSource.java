package io.ferry.planning.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * A {@link GraphSource} over one Neo4j store, in one read transaction (rolled back on close). Nodes and
 * relationships are named by their ids in the store ({@link GraphIds}); nodes are looked up by id in chunks
 * ({@code UNWIND $ids}); only the requested properties are returned.
 * Neo4j has no snapshot isolation across statements: the transaction sees committed changes between
 * rounds, which a PROD replica that is not being written avoids.
 */
public final class Neo4jGraphSource implements GraphSource {
    /** How far {@link #nearest} looks for an owner. */
    static final int NEAREST_HOPS = 4;

    private final Session session;
    private final Transaction tx;
    private final List<String> properties;
    /**
     * One instance per distinct node id, type and label list: every hop repeats ids the closure keeps
     * already (a relationship's ends, a node reached again), and a district's graph has hundreds of thousands of
     * them. Relationship ids are not interned: the closure keeps only one of a relationship's two sightings, so an
     * entry per relationship would share nothing. Dropped with the source; what the closure keeps then shares the
     * instances.
     */
    private final Map<Object, Object> canonical = new HashMap<>();
    /**
     * The relationships {@link #expand} reported: the traversal sees nearly every relationship from both ends, and the
     * second sighting (from the node the first one reached, back to a node it expanded) tells it nothing, so none is
     * made for it.
     */
    private final Roaring64Bitmap reported = new Roaring64Bitmap();

    /** @param properties the node properties to return (keys and linked properties) */
    public Neo4jGraphSource(Driver driver, List<String> properties) {
        this.session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build());
        this.tx = session.beginTransaction();
        this.properties = List.copyOf(properties);
    }

    @Override
    public List<Node> nodes(String label, String property, Collection<Object> values) {
        return tx.run("UNWIND $values AS v MATCH (n:" + quote(label) + ") WHERE n[$property] = v"
                        + " RETURN " + GraphIds.of("n") + " AS id, labels(n) AS labels, [k IN $props | n[k]] AS vals",
                Map.of("values", new ArrayList<>(values), "property", property, "props", properties))
                .list(r -> node(GraphIds.text(r.get("id")), r.get("labels"), r.get("vals")));
    }

    @Override
    public List<Node> nodes(Collection<String> ids) {
        List<String> list = new ArrayList<>(ids);
        List<Node> out = new ArrayList<>(list.size());
        RowSlices.forEach(tx.run(RowSlices.EACH_ID + "MATCH (n) WHERE " + GraphIds.of("n") + " = id"
                        + RowSlices.returning("[i, labels(n), [k IN $props | n[k]]]"),
                Map.of("ids", GraphIds.parameter(list), "props", properties)),
                row -> out.add(node(list.get(row.get(0).asInt()), row.get(1), row.get(2))));
        return out;
    }

    @Override
    public void expand(Collection<String> nodeIds, Collection<String> types, Consumer<Hop> sink) {
        if (types.isEmpty()) {
            return;
        }
        List<String> typeList = List.copyOf(types);
        String typeText = typeList.stream().map(Neo4jGraphSource::quote).collect(Collectors.joining("|"));
        List<String> ids = new ArrayList<>(nodeIds);
        // A frontier node's hops come back as one list (a pattern comprehension), which with the rows in slices
        // (RowSlices) halves what the server and this side spend on a round's hundreds of thousands of hops.
        // Each hop is three numbers: relationship id, the other end's id, and its type's position in typeList times
        // two, plus one if it points at the frontier node: no type name made, sent and read per hop.
        Map<String, Integer> codes = new HashMap<>();
        for (int t = 0; t < typeList.size(); t++) {
            codes.put(typeList.get(t), 2 * t);
        }
        String hops = "[(n)-[r:" + typeText + "]-(m) | [" + GraphIds.of("r") + ", " + GraphIds.of("m")
                + ", $codes[type(r)] + CASE WHEN startNode(r) = n THEN 0 ELSE 1 END]]";
        RowSlices.forEach(tx.run(RowSlices.EACH_ID + "MATCH (n) WHERE " + GraphIds.of("n") + " = id"
                        + RowSlices.returning("[i, " + hops + "]"),
                Map.of("ids", GraphIds.parameter(ids), "codes", codes)),
                row -> {
                    String from = ids.get(row.get(0).asInt());
                    for (Value hop : row.get(1).values()) {
                        long id = hop.get(0).asLong();
                        if (reported.contains(id)) {
                            continue;
                        }
                        reported.addLong(id);
                        String rid = GraphIds.text(id);
                        String other = canonical(GraphIds.text(hop.get(1)));
                        int code = hop.get(2).asInt();
                        String type = typeList.get(code >> 1);
                        boolean out = (code & 1) == 0;
                        sink.accept(new Hop(from, new Rel(rid, type, out ? from : other, out ? other : from), other));
                    }
                });
    }

    @Override
    public Optional<Node> nearest(String nodeId, Collection<String> types, String label) {
        String typeText = types.stream().map(Neo4jGraphSource::quote).collect(Collectors.joining("|"));
        return tx.run("MATCH (n) WHERE " + GraphIds.of("n") + " = $id MATCH p = (n)-[:" + typeText + "*1.." + NEAREST_HOPS
                        + "]->(r:" + quote(label) + ") RETURN " + GraphIds.of("r") + " AS id, labels(r) AS labels,"
                        + " [k IN $props | r[k]] AS vals ORDER BY length(p) LIMIT 1",
                Map.of("id", GraphIds.parameter(nodeId), "props", properties))
                .stream().findFirst().map(r -> node(GraphIds.text(r.get("id")), r.get("labels"), r.get("vals")));
    }

    private Node node(String id, Value labels, Value vals) {
        List<Object> values = vals.asList(Value::asObject);
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < properties.size(); i++) {
            if (values.get(i) != null) {
                props.put(properties.get(i), values.get(i));
            }
        }
        return new Node(canonical(id), canonical(List.copyOf(labels.asList(Value::asString))), props);
    }

    @SuppressWarnings("unchecked")
    private <T> T canonical(T value) {
        Object known = canonical.putIfAbsent(value, value);
        return known == null ? value : (T) known;
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    @Override
    public void close() {
        try {
            tx.rollback();
            tx.close();
        } finally {
            session.close();
        }
    }
}
