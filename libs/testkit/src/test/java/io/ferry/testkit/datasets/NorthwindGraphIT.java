package io.ferry.testkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.Datasets;
import io.ferry.testkit.NorthwindGraph;
import io.ferry.testkit.neo4j.CypherScriptRunner;
import io.ferry.testkit.neo4j.Neo4jServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/** The Northwind graph: constraints, then LOAD CSV from the import folder, then MERGEd relationships. */
class NorthwindGraphIT {

    @Test
    void loadsEveryNodeAndRelationshipFromTheImportFolder() {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        Path graph = Datasets.root().get().resolve("northwind/graph");

        try (Neo4jServer neo4j = Neo4jServer.start(null, graph.resolve("import"))) {
            Driver driver = neo4j.driver();
            CypherScriptRunner.Result result = CypherScriptRunner.run(driver, graph.resolve("northwind.cypher"));

            assertThat(result.statements()).isEqualTo(14);
            assertThat(result.nodesCreated()).isEqualTo(1035);
            assertThat(result.relationshipsCreated()).isEqualTo(3139);
            assertThat(counts(driver, "MATCH (n) UNWIND labels(n) AS k RETURN k, count(*) AS n")).isEqualTo(Map.of(
                    "Category", 8L, "Customer", 91L, "Order", 830L, "Product", 77L, "Supplier", 29L));
            assertThat(counts(driver, "MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS n")).isEqualTo(Map.of(
                    "ORDERS", 2155L, "PART_OF", 77L, "PURCHASED", 830L, "SUPPLIES", 77L));
            assertThat(counts(driver, "MATCH (n) RETURN 'nodes' AS k, count(n) AS n")).containsEntry("nodes", 1035L);
            assertThat(counts(driver, "MATCH ()-[r]->() RETURN 'rels' AS k, count(r) AS n")).containsEntry("rels", 3139L);
        }
    }

    /** Every server of {@link NorthwindGraph} is a copy of one import: same graph, constraints included; its own. */
    @Test
    void northwindGraphServersAreCopiesOfOneImportEachWithItsOwnGraph() {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        Path northwind = Datasets.root().get().resolve("northwind");

        try (Neo4jServer first = NorthwindGraph.start(northwind); Neo4jServer second = NorthwindGraph.start(northwind)) {
            for (Neo4jServer copy : java.util.List.of(first, second)) {
                assertThat(counts(copy.driver(), "MATCH (n) UNWIND labels(n) AS k RETURN k, count(*) AS n")).isEqualTo(
                        Map.of("Category", 8L, "Customer", 91L, "Order", 830L, "Product", 77L, "Supplier", 29L));
                assertThat(counts(copy.driver(), "MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS n")).isEqualTo(
                        Map.of("ORDERS", 2155L, "PART_OF", 77L, "PURCHASED", 830L, "SUPPLIES", 77L));
                assertThat(counts(copy.driver(), "SHOW CONSTRAINTS YIELD name"
                        + " RETURN name AS k, 1 AS n")).hasSize(5);
                assertThat(copy.importDir()).contains(northwind.resolve("graph/import").toAbsolutePath().normalize());
            }
            first.driver().executableQuery("MATCH (c:Customer {customerID: 'ALFKI'}) DETACH DELETE c").execute();

            assertThat(counts(first.driver(), "MATCH (c:Customer) RETURN 'customers' AS k, count(c) AS n"))
                    .containsEntry("customers", 90L);
            assertThat(counts(second.driver(), "MATCH (c:Customer) RETURN 'customers' AS k, count(c) AS n"))
                    .containsEntry("customers", 91L);
        }
        try (Neo4jServer third = NorthwindGraph.start(northwind)) {
            assertThat(counts(third.driver(), "MATCH (c:Customer) RETURN 'customers' AS k, count(c) AS n"))
                    .containsEntry("customers", 91L);
        }
    }

    private static Map<String, Long> counts(Driver driver, String query) {
        Map<String, Long> counts = new TreeMap<>();
        driver.executableQuery(query).execute().records()
                .forEach(r -> counts.put(r.get("k").asString(), r.get("n").asLong()));
        return counts;
    }
}
