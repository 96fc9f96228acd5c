package io.ferry.loader.load;

import io.ferry.schema.neo4j.GraphValues;
import java.util.ArrayList;
import java.util.List;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/** A graph's contents as sorted text, for tests that compare a graph before a load and after compensation. */
public final class GraphContents {

    private GraphContents() {
    }

    /** Every node (labels and properties) and relationship (type, properties, ends' properties) not Ferry's own. */
    public static List<String> of(Driver driver) {
        List<String> contents = new ArrayList<>();
        try (Session session = driver.session()) {
            for (Record r : session.run("MATCH (n) WHERE none(l IN labels(n) WHERE l STARTS WITH 'Ferry')"
                    + " RETURN labels(n) AS l, properties(n) AS p").list()) {
                contents.add(GraphValues.text(List.of(r.get("l").asList(Value::asString).stream().sorted().toList(),
                        r.get("p").asMap())));
            }
            for (Record r : session.run("MATCH (a)-[x]->(b) RETURN type(x) AS t, properties(x) AS p, properties(a) AS a,"
                    + " properties(b) AS b").list()) {
                contents.add(GraphValues.text(List.of(r.get("t").asString(), r.get("p").asMap(), r.get("a").asMap(),
                        r.get("b").asMap())));
            }
        }
        return contents.stream().sorted().toList();
    }
}
