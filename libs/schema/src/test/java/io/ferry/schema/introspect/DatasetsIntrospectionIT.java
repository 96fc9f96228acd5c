package io.ferry.schema.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.graph.CycleKind;
import io.ferry.schema.graph.DependencyGraph;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.testkit.Datasets;
import io.ferry.testkit.NorthwindGraph;
import io.ferry.testkit.SharedServers;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared public datasets: Pagila, Northwind on PostgreSQL and Northwind as a graph. */
class DatasetsIntrospectionIT {

    @BeforeEach
    void needsDatasets() {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
    }

    static StoreSchema load(String database, Path script) throws Exception {
        PostgresServer pg = SharedServers.postgres();
        pg.createDatabase(database);
        try (Connection c = pg.connect(database)) {
            SqlScriptRunner.run(c, script);
            c.createStatement().execute("ANALYZE");
            return new PostgresIntrospector().introspect(c, database, List.of("public"));
        }
    }

    @Test
    void pagilaPaymentReferencesComeFromItsPartitions() throws Exception {
        StoreSchema pagila = load("pagila_schema", Datasets.root().get().resolve("pagila/pagila.sql"));
        TableId payment = new TableId("pagila_schema", "public", "payment");
        Table table = pagila.table(payment).orElseThrow();
        assertThat(table.kind()).isEqualTo(TableKind.PARTITIONED);
        assertThat(table.partitions()).contains("public.payment_p2022_01");
        assertThat(table.primaryKey().columns()).containsExactly("payment_date", "payment_id");
        assertThat(table.rowEstimate()).isBetween(15_000L, 17_000L);
        assertThat(pagila.tables()).noneMatch(t -> t.id().name().startsWith("payment_p"));
        List<Reference> fromPayment = pagila.references().stream().filter(r -> r.from().equals(payment)).toList();
        assertThat(fromPayment).isNotEmpty().allMatch(r -> r.origin() == Reference.Origin.PARTITION_FOREIGN_KEY);
        assertThat(fromPayment).extracting(r -> r.to().name()).containsExactlyInAnyOrder("customer", "rental", "staff");
        assertThat(pagila.table(new TableId("pagila_schema", "public", "film")).orElseThrow()
                .column("release_year").orElseThrow().type()).isEqualTo("year");
        // "bıgınt" is declared but no column of the dump uses it
    }

    @Test
    void northwindEmployeesReportToEachOther() throws Exception {
        StoreSchema northwind = load("northwind_schema", Datasets.root().get().resolve("northwind/northwind-postgres.sql"));
        assertThat(northwind.references()).anyMatch(r -> r.selfReference() && r.from().name().equals("employees")
                && r.fromColumns().equals(List.of("reports_to")) && r.nullable());
        DependencyGraph graph = DependencyGraph.of(new EstateSchema(List.of(northwind), List.of()));
        assertThat(graph.cycles()).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo(CycleKind.SELF_REFERENCE));
    }

    @Test
    void northwindGraphLabelsRelationshipTypesAndCounts() {
        try (Neo4jServer neo4j = NorthwindGraph.start(Datasets.root().get().resolve("northwind"))) {
            StoreSchema graph = new Neo4jIntrospector().introspect(neo4j.driver(), "nw");
            assertThat(counts(graph, TableKind.LABEL)).isEqualTo(Map.of(
                    "Category", 8L, "Customer", 91L, "Order", 830L, "Product", 77L, "Supplier", 29L));
            assertThat(counts(graph, TableKind.RELATIONSHIP)).isEqualTo(Map.of(
                    "ORDERS", 2155L, "PART_OF", 77L, "PURCHASED", 830L, "SUPPLIES", 77L));
            assertThat(graph.references()).extracting(r -> r.name() + "->" + r.to().name()).containsExactly(
                    "ORDERS.end->Product", "ORDERS.start->Order", "PART_OF.end->Category", "PART_OF.start->Product",
                    "PURCHASED.end->Order", "PURCHASED.start->Customer", "SUPPLIES.end->Product", "SUPPLIES.start->Supplier");
            Table product = graph.table(new TableId("nw", TableId.LABELS, "Product")).orElseThrow();
            assertThat(product.column("productID").orElseThrow().type()).isEqualTo("String");
            assertThat(product.uniqueKeys()).anyMatch(k -> k.columns().equals(List.of("productID")));
            Table orders = graph.table(new TableId("nw", TableId.RELATIONSHIPS, "ORDERS")).orElseThrow();
            assertThat(orders.columns()).isNotEmpty();
            DependencyGraph deps = DependencyGraph.of(new EstateSchema(List.of(graph), List.of()));
            assertThat(deps.cycles()).isEmpty();
            assertThat(deps.loadOrder("nw").subList(0, 5)).allMatch(g -> g.tables().get(0).schema().equals(TableId.LABELS));
        }
    }

    static Map<String, Long> counts(StoreSchema s, TableKind kind) {
        Map<String, Long> counts = new TreeMap<>();
        s.tables().stream().filter(t -> t.kind() == kind).forEach(t -> counts.put(t.id().name(), t.rowEstimate()));
        return counts;
    }
}
