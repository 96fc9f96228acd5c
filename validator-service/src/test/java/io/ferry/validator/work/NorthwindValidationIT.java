package io.ferry.validator.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.messages.Finding;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.ValidationStatus;
import io.ferry.schema.model.TableId;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.BatchEdit;
import io.ferry.service.testing.DistrictStage;
import io.ferry.spec.SpecHash;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.Datasets;
import io.ferry.testkit.NorthwindGraph;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Northwind across PostgreSQL ({@code nw}) and Neo4j ({@code graph}) under {@code specs/northwind/ferry.yaml},
 * customer ALFKI: the graph copy holds exactly the nodes and relationships whose PostgreSQL rows the run copies
 * (other customers' orders and other suppliers' products are reported across tenants, not copied), so it
 * passes; an order node whose id was changed in the graph batch is found as a cross-store mismatch, with the
 * relationships that reach it. CERT's PostgreSQL is an empty copy of the schema; CERT's graph is the same Neo4j
 * server (the validator only introspects CERT's graph).
 */
class NorthwindValidationIT {

    @TempDir
    static Path dir;
    private static PostgresServer prod;
    private static PostgresServer cert;
    private static Neo4jServer graph;
    private static LoadedSpec spec;
    private static Staging staging;
    private static ValidationJob job;

    @BeforeAll
    static void northwind() throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        Path data = Datasets.root().orElseThrow().resolve("northwind");
        prod = PostgresServer.startTemporary();
        cert = PostgresServer.startTemporary();
        graph = NorthwindGraph.start(data);
        for (PostgresServer server : List.of(prod, cert)) {
            server.createDatabase("nw");
            try (Connection c = server.connect("nw")) {
                SqlScriptRunner.run(c, data.resolve("northwind-postgres.sql"));
            }
        }
        try (Connection c = cert.connect("nw"); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('%I.%I', schemaname, tablename), ', ')"
                    + " || ' CASCADE' FROM pg_tables WHERE schemaname = 'public'); END $$");
        }
        Path folder = Files.createDirectories(dir.resolve("spec"));
        Files.copy(Datasets.repoRoot().resolve("specs/northwind/ferry.yaml"), folder.resolve("ferry.yaml"));
        Files.writeString(folder.resolve("estate.properties"), String.join("\n",
                "prod.nw.url=" + prod.jdbcUrl("nw"), "prod.nw.user=" + PostgresServer.SUPERUSER, "prod.nw.password=unused",
                "cert.nw.url=" + cert.jdbcUrl("nw"), "cert.nw.user=" + PostgresServer.SUPERUSER, "cert.nw.password=unused",
                "prod.graph.url=" + graph.boltUri(), "cert.graph.url=" + graph.boltUri(), ""));
        Spec parsed = new SpecParser(Resolver.forFolder(folder, Map.of()), Set.of(SpecParser.Environment.values()))
                .read(folder.resolve("ferry.yaml"));
        spec = new LoadedSpec(SpecHash.of(parsed), parsed, Resolver.forFolder(folder, Map.of()));
        staging = new FileSystemStaging(dir.resolve("staging"));
        job = new ValidationJob(staging, new ValidationSettings(dir.resolve("work"), 5, 2, "256MB", Duration.ofMinutes(2)));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable server : new AutoCloseable[] {prod, cert, graph}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception ignored) {
                // best effort at the end of the class
            }
        }
    }

    private static String run(int n) {
        return "mig-20261121160000-00" + n;
    }

    /**
     * ALFKI's graph closure reaches other customers' orders (back from the products ALFKI bought) and other
     * suppliers' products; the plan reports them across tenants but does not copy them, since their PostgreSQL
     * rows stay in PROD: the graph copy holds ALFKI's orders and order lines exactly, and nothing dangles.
     */
    @Test
    void alfkisGraphCopyIsCheckedAgainstItsRows() throws Exception {
        Map<TableId, List<List<String>>> rows = DistrictStage.stage(prod, spec, "ALFKI", List.of(), staging, run(1), dir);
        GraphStage.Staged graphPart = GraphStage.stage(graph.driver(), spec, "ALFKI", staging, run(1), dir);
        assertThat(graphPart.crossTenant()).containsOnlyKeys("label.Order", "label.Product");
        assertThat(graphPart.rows().get("label.Order")).isEqualTo((long) rows.get(TableId.parse("nw.public.orders")).size());
        assertThat(graphPart.rows().get("relationship.ORDERS"))
                .isEqualTo((long) rows.get(TableId.parse("nw.public.order_details")).size());

        ValidateResult result = job.validate(new ValidateRequest(run(1), "ALFKI", spec.specHash(), 1), spec);

        assertThat(errors(result)).isEmpty();
        assertThat(result.certSchemaFingerprints()).containsOnlyKeys("nw", "graph");
        // CERT's graph is PROD's here: every node of a linked label is already there, under its merge key. Orders
        // follow their remapped rows; the others merge onto CERT's nodes.
        Map<String, Long> overlaps = new java.util.TreeMap<>();
        Map<String, String> keys = Map.of("Customer", "customerID", "Order", "orderID", "Product", "productID",
                "Category", "categoryID", "Supplier", "supplierID");
        keys.forEach((label, key) -> {
            Long staged = graphPart.rows().get("label." + label);
            if (staged != null) {
                overlaps.put("unique-in-cert:" + (label.equals("Order") ? "remap" : "merge") + " graph label.\"" + label
                        + "\" " + key, staged);
            }
        });
        assertThat(overlaps).containsKeys("unique-in-cert:merge graph label.\"Customer\" customerID",
                "unique-in-cert:remap graph label.\"Order\" orderID");
        assertThat(warnings(result, "unique-in-cert:")).isEqualTo(overlaps);
    }

    private static Map<String, Long> warnings(ValidateResult result, String check) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Finding f : result.findings()) {
            if (f.severity() == Severity.WARNING && f.check().startsWith(check) && f.store().equals("graph")) {
                counts.merge(f.check() + " " + f.store() + " " + f.table() + " " + f.column(), f.count(), Long::sum);
            }
        }
        return counts;
    }

    @Test
    void anOrderNodeThatNoLongerMatchesItsRowIsACrossStoreMismatch() throws Exception {
        Map<TableId, List<List<String>>> rows = DistrictStage.stage(prod, spec, "ALFKI", List.of(), staging, run(2), dir);
        GraphStage.stage(graph.driver(), spec, "ALFKI", staging, run(2), dir);
        java.util.Set<String> alfkisOrders = rows.get(TableId.parse("nw.public.orders")).stream().map(k -> k.get(0))
                .collect(java.util.stream.Collectors.toSet());
        String[] changed = new String[1];
        BatchEdit.rewrite(staging, run(2), new TableId("graph", TableId.LABELS, "Order"), (columns, row, index) -> {
            int at = columns.indexOf("orderID");
            if (changed[0] == null && alfkisOrders.contains(row[at])) {
                changed[0] = row[at];
                row[at] = "99999";
            }
        });
        assertThat(changed[0]).isNotNull();
        long lines = rows.get(TableId.parse("nw.public.order_details")).stream().filter(k -> k.get(0).equals(changed[0]))
                .count();
        assertThat(lines).isPositive();

        ValidateResult result = job.validate(new ValidateRequest(run(2), "ALFKI", spec.specHash(), 1), spec);

        Map<String, Long> expected = new java.util.TreeMap<>();
        expected.put("cross-store graph label.\"Order\" orderID", 1L);
        expected.put("relationship graph relationship.\"PURCHASED\" end", 1L);
        expected.put("relationship graph relationship.\"ORDERS\" start", lines);
        assertThat(result.status()).isEqualTo(ValidationStatus.FAILED);
        assertThat(errors(result)).isEqualTo(expected);
        Finding mismatch = result.findings().stream().filter(f -> f.check().equals("cross-store")
                && f.table().equals("label.\"Order\"")).findFirst().orElseThrow();
        assertThat(mismatch.examples()).containsExactly("orderID=99999");
    }

    private static Map<String, Long> errors(ValidateResult result) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Finding f : result.findings()) {
            if (f.severity() == Severity.ERROR) {
                counts.merge(f.check() + " " + f.store() + " " + f.table() + " " + f.column(), f.count(), Long::sum);
            }
        }
        return counts;
    }
}
