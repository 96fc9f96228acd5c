package io.ferry.planning.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.planning.graph.GraphSource.Hop;
import io.ferry.testkit.neo4j.Neo4jServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

/** What {@link Neo4jGraphSource#expand} reports of a small graph: every relationship once, its ends and type right. */
class Neo4jGraphSourceIT {
    private static Neo4jServer neo4j;
    /** The ids of a, b and c, then of a-KNOWS->b, c-KNOWS->a and b-LIKES->c. */
    private static Map<String, String> ids;

    @BeforeAll
    static void start() {
        neo4j = Neo4jServer.startTemporary();
        try (Session session = neo4j.driver().session()) {
            ids = session.run("CREATE (a:P {name: 'a'}), (b:P {name: 'b'}), (c:P {name: 'c'}),"
                            + " (a)-[ab:KNOWS]->(b), (c)-[ca:KNOWS]->(a), (b)-[bc:LIKES]->(c)"
                            + " RETURN {a: id(a), b: id(b), c: id(c), ab: id(ab), ca: id(ca), bc: id(bc)} AS ids")
                    .single().get("ids").asMap(v -> GraphIds.text(v));
        }
    }

    @AfterAll
    static void stop() {
        neo4j.close();
    }

    private static List<String> expand(Neo4jGraphSource source, List<String> nodes) {
        List<String> hops = new ArrayList<>();
        source.expand(nodes.stream().map(ids::get).toList(), List.of("KNOWS", "LIKES"), hop -> hops.add(describe(hop)));
        return hops.stream().sorted().toList();
    }

    /** {@code from:start-TYPE->end:other rel} in the test's names (nodes and relationships number apart). */
    private static String describe(Hop hop) {
        Map<String, String> nodes = new java.util.HashMap<>();
        Map<String, String> rels = new java.util.HashMap<>();
        ids.forEach((name, id) -> (name.length() == 1 ? nodes : rels).put(id, name));
        return nodes.get(hop.fromId()) + ":" + nodes.get(hop.rel().startId()) + "-" + hop.rel().type() + "->"
                + nodes.get(hop.rel().endId()) + ":" + nodes.get(hop.otherId()) + " " + rels.get(hop.rel().id());
    }

    @Test
    void aRelationshipComesBackInEitherDirectionWithItsTypeAndEnds() {
        try (Neo4jGraphSource source = new Neo4jGraphSource(neo4j.driver(), List.of("name"))) {
            assertThat(expand(source, List.of("a"))).containsExactly("a:a-KNOWS->b:b ab", "a:c-KNOWS->a:c ca");
        }
    }

    @Test
    void aRelationshipReportedOnceIsNotReportedAgainFromItsOtherEnd() {
        try (Neo4jGraphSource source = new Neo4jGraphSource(neo4j.driver(), List.of("name"))) {
            assertThat(expand(source, List.of("a"))).containsExactly("a:a-KNOWS->b:b ab", "a:c-KNOWS->a:c ca");
            // b's KNOWS from a came back with a; its LIKES is new
            assertThat(expand(source, List.of("b"))).containsExactly("b:b-LIKES->c:c bc");
            assertThat(expand(source, List.of("a", "b", "c"))).isEmpty();
        }
        try (Neo4jGraphSource source = new Neo4jGraphSource(neo4j.driver(), List.of("name"))) {
            // both ends in one call: each relationship once, from whichever end came first
            assertThat(expand(source, List.of("a", "b", "c"))).hasSize(3)
                    .extracting(h -> h.substring(h.lastIndexOf(' ') + 1)).containsExactlyInAnyOrder("ab", "ca", "bc");
        }
    }
}
