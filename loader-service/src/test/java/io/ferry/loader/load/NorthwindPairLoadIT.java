package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.cert.DatabaseIdentity;
import io.ferry.cert.GraphStamps;
import io.ferry.cert.GraphTarget;
import io.ferry.cert.InitTarget;
import io.ferry.cert.PostgresTarget;
import io.ferry.cert.RunInventory;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.CompensateResult.BlockedRow;
import io.ferry.contracts.messages.CompensateResult.Cause;
import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.loader.load.PgCompensation.Compensation;
import io.ferry.loader.load.PgCompensation.Outcome;
import io.ferry.schema.model.TableId;
import io.ferry.schema.neo4j.GraphValues;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.BatchEdit;
import io.ferry.service.testing.DistrictStage;
import io.ferry.service.testing.GraphStage;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Northwind across PostgreSQL ({@code nw}) and Neo4j ({@code graph}) under {@code specs/northwind/ferry.yaml},
 * customer ALFKI, into a CERT pair: an empty copy of the PostgreSQL schema and an empty graph holding one category
 * of its own under a key the run also loads. Both stores are prepared as init-target does. The graph batches are
 * staged in the extractor's layout ({@link GraphStage}).
 */
class NorthwindPairLoadIT {

    private static final String CUSTOMER = "ALFKI";
    /** ALFKI's first order in Northwind. */
    private static final String COLLIDING = "10643";

    @TempDir
    static Path dir;
    private static PostgresServer prod;
    private static PostgresServer cert;
    private static Neo4jServer prodGraph;
    private static Neo4jServer certGraph;
    private static LoadedSpec spec;
    private static Staging staging;
    private static List<DatabaseIdentity> prodIdentities;

    @BeforeAll
    static void northwind() throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        Path data = Datasets.root().orElseThrow().resolve("northwind");
        prod = PostgresServer.startTemporary();
        cert = PostgresServer.startTemporary();
        prodGraph = NorthwindGraph.start(data);
        certGraph = Neo4jServer.startTemporary();
        for (PostgresServer server : List.of(prod, cert)) {
            server.createDatabase("nw");
            try (Connection c = server.connect("nw")) {
                SqlScriptRunner.run(c, data.resolve("northwind-postgres.sql"));
            }
        }
        try (Connection c = cert.connect("nw"); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('%I.%I', schemaname, tablename), ', ')"
                    + " || ' CASCADE' FROM pg_tables WHERE schemaname = 'public'); END $$");
            // CERT's own order under the key of ALFKI's first: the run's order moves to a fresh key, above CERT's
            // other order, which holds Northwind's highest key.
            st.execute("INSERT INTO public.orders (order_id, ship_name) VALUES (" + COLLIDING + ", 'CERT own'),"
                    + " (11077, 'CERT own too')");
        }
        Path folder = Files.createDirectories(dir.resolve("spec"));
        Files.copy(Datasets.repoRoot().resolve("specs/northwind/ferry.yaml"), folder.resolve("ferry.yaml"));
        Files.writeString(folder.resolve("estate.properties"), String.join("\n",
                "prod.nw.url=" + prod.jdbcUrl("nw"), "prod.nw.user=" + PostgresServer.SUPERUSER, "prod.nw.password=unused",
                "cert.nw.url=" + cert.jdbcUrl("nw"), "cert.nw.user=" + PostgresServer.SUPERUSER, "cert.nw.password=unused",
                "prod.graph.url=" + prodGraph.boltUri(), "cert.graph.url=" + certGraph.boltUri(), ""));
        Resolver resolver = Resolver.forFolder(folder, Map.of());
        Spec parsed = new SpecParser(resolver, Set.of(SpecParser.Environment.values())).read(folder.resolve("ferry.yaml"));
        spec = new LoadedSpec(SpecHash.of(parsed), parsed, resolver);
        staging = new FileSystemStaging(dir.resolve("staging"));
        try (Connection c = cert.connect("nw"); Connection p = prod.connect("nw")) {
            PostgresTarget.prepare("nw", c, cert.jdbcUrl("nw"), PostgresServer.SUPERUSER, "unused", PostgresServer.SUPERUSER);
            prodIdentities = List.of(DatabaseIdentity.of(p));
            PostgresTarget.rememberProd(c, Map.of("nw", prodIdentities.get(0)));
        }
        GraphTarget.prepare("graph", certGraph.driver(), InitTarget.mergeKeys(parsed, "graph"),
                List.of(GraphTarget.storeId(prodGraph.driver())));
        try (Session session = certGraph.driver().session()) {
            session.run("CREATE (:Category {categoryID: '1', categoryName: 'CERT own', description: 'kept by CERT'})")
                    .consume();
        }
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable server : new AutoCloseable[] {prod, cert, prodGraph, certGraph}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception ignored) {
                // best effort at the end of the class
            }
        }
    }

    @Test
    void thePairLoadsWithEveryRelationshipOnItsEndsAndRollsBackToIdenticalChecksums() throws Exception {
        String run = "mig-20261123100000-001";
        Map<TableId, Long> stagedGraph = stage(run);
        Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches-" + run));
        Map<TableId, TableProof> nwBefore;
        try (Connection c = cert.connect("nw")) {
            nwBefore = TableChecksum.ofStore(c, "nw", List.of("public"));
        }
        List<String> graphBefore = graphContents();

        try (Connection c = cert.connect("nw")) {
            new PgStoreLoad(LoadTimeouts.defaults()).load(c, spec.spec(), "nw", prodIdentities,
                    new RunInfo(run, CUSTOMER, spec.specHash(), 1, "load-test"), staged, List.of());
        }
        List<TableCounts> counts = new GraphStoreLoad(LoadTimeouts.defaults()).load(certGraph.driver(), spec.spec(),
                "graph", new RunInfo(run, CUSTOMER, spec.specHash(), 1, "load-test"), staged, linkMaps());

        // Every staged node and relationship is in CERT's graph: created, or merged onto CERT's own category.
        for (TableCounts t : counts) {
            TableId id = new TableId("graph", t.schema(), t.table());
            assertThat(t.inserted() + t.updated()).as(id.toString()).isEqualTo(stagedGraph.get(id));
        }
        assertThat(counts).filteredOn(t -> t.table().equals("Category")).singleElement()
                .satisfies(t -> assertThat(t.updated()).isEqualTo(1));
        assertThat(strings(certGraph.driver(), "MATCH (c:Category {categoryID: '1'}) RETURN c.categoryName AS v"))
                .containsExactly(strings(prodGraph.driver(), "MATCH (c:Category {categoryID: '1'}) RETURN c.categoryName"
                        + " AS v").get(0));
        // The order whose key CERT held moved in PostgreSQL, and its node and order lines moved with it.
        Map<String, String> orders = linkMaps().get("Order.orderID");
        assertThat(orders.get(COLLIDING)).isNotNull().isNotEqualTo(COLLIDING);
        assertThat(linkMaps().get("ORDERS.orderID")).isEqualTo(orders);
        // Each relationship joins the nodes it joined in PROD: the customer's orders, and every order line.
        String purchased = "MATCH (:Customer {customerID: 'ALFKI'})-[:PURCHASED]->(o:Order) RETURN o.orderID AS v";
        assertThat(strings(certGraph.driver(), purchased)).containsExactlyInAnyOrderElementsOf(
                strings(prodGraph.driver(), purchased).stream().map(o -> orders.getOrDefault(o, o)).toList());
        String lines = "MATCH (:Customer {customerID: 'ALFKI'})-[:PURCHASED]->(o:Order)-[d:ORDERS]->(p:Product)"
                + " RETURN o.orderID + '/' + d.orderID + '/' + p.productID + '/' + d.quantity AS v";
        assertThat(strings(certGraph.driver(), lines)).isNotEmpty().containsExactlyInAnyOrderElementsOf(
                strings(prodGraph.driver(), lines).stream().map(l -> {
                    String[] parts = l.split("/", 3);
                    String moved = orders.getOrDefault(parts[0], parts[0]);
                    return moved + "/" + moved + "/" + parts[2];
                }).toList());
        // The pair agrees: every order line the run put into PostgreSQL is an ORDERS relationship in the graph.
        List<String> pairs = new ArrayList<>();
        try (Connection c = cert.connect("nw"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT order_id || '/' || product_id FROM public.order_details ORDER BY 1")) {
            while (rs.next()) {
                pairs.add(rs.getString(1));
            }
        }
        assertThat(pairs).isNotEmpty();
        assertThat(strings(certGraph.driver(), "MATCH (o:Order)-[:ORDERS]->(p:Product) RETURN o.orderID + '/' +"
                + " p.productID AS v")).containsAll(pairs);
        // (other tests' runs, compensated, may be recorded beside it)
        assertThat(RunInventory.ofGraph("graph", certGraph.driver()).runs()).filteredOn(r -> r.runId().equals(run))
                .singleElement().satisfies(r -> assertThat(r.status() + " " + r.district()).isEqualTo("loaded " + CUSTOMER));
        // The run's labels and types, each with an index on the stamp its take-out looks for.
        assertThat(strings(certGraph.driver(), "MATCH (r:" + GraphTarget.RUN + " {runId: '" + run + "'}) UNWIND"
                + " r.labels + r.types AS v RETURN v")).containsExactly("Category", "Customer", "Order", "Product",
                "Supplier", "ORDERS", "PART_OF", "PURCHASED", "SUPPLIES");
        assertThat(strings(certGraph.driver(), "SHOW INDEXES YIELD name, state, properties WHERE name STARTS WITH"
                + " 'ferry_run_' RETURN name + ' ' + state + ' ' + properties[0] AS v")).containsExactlyInAnyOrder(
                "ferry_run_label_Category ONLINE _ferryRun", "ferry_run_label_Customer ONLINE _ferryRun",
                "ferry_run_label_Order ONLINE _ferryRun", "ferry_run_label_Product ONLINE _ferryRun",
                "ferry_run_label_Supplier ONLINE _ferryRun", "ferry_run_type_ORDERS ONLINE _ferryRun",
                "ferry_run_type_PART_OF ONLINE _ferryRun", "ferry_run_type_PURCHASED ONLINE _ferryRun",
                "ferry_run_type_SUPPLIES ONLINE _ferryRun");
        // A run recorded before Ferry kept the lists is taken out all the same, through every label and type.
        try (Session session = certGraph.driver().session()) {
            session.run("MATCH (r:" + GraphTarget.RUN + " {runId: $run}) REMOVE r.labels, r.types", Map.of("run", run))
                    .consume();
        }

        // Loads stamp the hash as an integer; a run loaded before that holds 32 hex digits, and comes out all the same.
        legacyHexStamps(run);

        Compensation graphOut = new GraphCompensation(LoadTimeouts.defaults()).compensate(certGraph.driver(), "graph",
                run, false);
        Compensation nwOut;
        try (Connection c = cert.connect("nw")) {
            nwOut = new PgCompensation(LoadTimeouts.defaults()).compensate(c, "nw", List.of("public"), run, false);
            assertThat(TableChecksum.ofStore(c, "nw", List.of("public"))).isEqualTo(nwBefore);
        }
        assertThat(graphOut.outcome()).isEqualTo(Outcome.COMPENSATED);
        assertThat(graphOut.after()).isEqualTo(graphOut.before());
        assertThat(graphOut.before()).containsKey(new TableId("graph", TableId.LABELS, "Category"));
        assertThat(nwOut.outcome()).isEqualTo(Outcome.COMPENSATED);
        assertThat(graphContents()).isEqualTo(graphBefore);
        assertThat(new GraphCompensation(LoadTimeouts.defaults()).compensate(certGraph.driver(), "graph", run, false)
                .outcome()).isEqualTo(Outcome.ALREADY_COMPENSATED);
    }

    /**
     * Rewrites the run's stamps as loads wrote them until 2026-11-30 ({@link GraphStamps#hash}, 32 hex digits, on
     * its nodes and relationships and its before-images' hashes), after checking they are integers now.
     */
    private static void legacyHexStamps(String run) {
        try (Session session = certGraph.driver().session()) {
            List<Record> stamped = session.run("MATCH (n) WHERE n._ferryRun = $run RETURN elementId(n) AS id, false AS rel,"
                    + " '_ferryHash' AS property, properties(n) AS props, n._ferryHash AS stored UNION ALL MATCH ()-[n]->()"
                    + " WHERE n._ferryRun = $run RETURN elementId(n) AS id, true AS rel, '_ferryHash' AS property,"
                    + " properties(n) AS props, n._ferryHash AS stored UNION ALL"
                    + " MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN + ": $run}) MATCH (n) WHERE"
                    + " l._ferryLabel IN labels(n) AND n[l._ferryKey] = l[l._ferryKey] RETURN elementId(l) AS id,"
                    + " false AS rel, '_ferryLedgerHash' AS property, properties(n) AS props, l._ferryLedgerHash AS stored",
                    Map.of("run", run)).list();
            // nodes, relationships and the merged category's before-image
            assertThat(stamped).extracting(r -> r.get("property").asString() + (r.get("rel").asBoolean() ? " rel" : ""))
                    .contains("_ferryHash", "_ferryHash rel", "_ferryLedgerHash");
            assertThat(stamped).allSatisfy(r -> {
                assertThat(r.get("stored").asObject()).isInstanceOf(Long.class);
                assertThat(GraphStamps.matches(r.get("props").asMap(), r.get("stored").asObject())).isTrue();
            });
            for (Record r : stamped) {
                String property = r.get("property").asString();
                session.run((r.get("rel").asBoolean() ? "MATCH ()-[n]->()" : "MATCH (n)") + " WHERE elementId(n) = $id"
                        + " SET n." + property + " = $hex", Map.of("id", r.get("id").asString(), "hex",
                        GraphStamps.hash(r.get("props").asMap()))).consume();
            }
        }
    }

    /**
     * A tester edits a loaded customer and links an order of the run to a node of their own: rollback stops in
     * BLOCKED naming both and changes nothing; forced, the graph is back to what it was, and what the tester did is
     * kept in {@code :FerryForcedImage} nodes.
     */
    @Test
    void rollbackAfterATesterEditStopsBlockedAndForceKeepsTheirWork() throws Exception {
        String run = "mig-20261123100000-002";
        stage(run);
        Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches-" + run));
        List<String> graphBefore = graphContents();
        new GraphStoreLoad(LoadTimeouts.defaults()).load(certGraph.driver(), spec.spec(), "graph",
                new RunInfo(run, CUSTOMER, spec.specHash(), 1, "load-test"), staged, linkMaps());
        String customer = strings(certGraph.driver(), "MATCH (c:Customer {customerID: 'ALFKI'}) SET c.contactName ="
                + " 'Edited' RETURN elementId(c) AS v").get(0);
        String order = strings(certGraph.driver(), "MATCH (:Customer {customerID: 'ALFKI'})-[:PURCHASED]->(o:Order)"
                + " WITH o LIMIT 1 CREATE (:TesterNote {text: 'look here'})-[:ABOUT]->(o) RETURN elementId(o) AS v").get(0);
        List<String> edited = graphContents();

        GraphCompensation compensation = new GraphCompensation(LoadTimeouts.defaults());
        Compensation blocked = compensation.compensate(certGraph.driver(), "graph", run, false);
        assertThat(blocked.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(blocked.blocked()).contains(new BlockedRow("graph", "label.Customer", customer, Cause.CHANGED_SINCE_LOAD),
                new BlockedRow("graph", "label.Order", order, Cause.REFERENCED_FROM_OUTSIDE));
        assertThat(graphContents()).isEqualTo(edited);

        Compensation forced = compensation.compensate(certGraph.driver(), "graph", run, true);
        assertThat(forced.outcome()).isEqualTo(Outcome.COMPENSATED);
        assertThat(forced.after()).isEqualTo(forced.before());
        try (Session session = certGraph.driver().session()) {
            session.run("MATCH (n:TesterNote) DELETE n").consume();
        }
        assertThat(graphContents()).isEqualTo(graphBefore);
        assertThat(strings(certGraph.driver(), "MATCH (f:FerryForcedImage {_ferryForcedRun: '" + run + "'}) RETURN"
                + " f._ferryCause + ' ' + coalesce(f.contactName, f._ferryType) AS v ORDER BY v"))
                .containsExactly("changed Edited", "referenced ABOUT");
    }

    /**
     * A key a PostgreSQL map moved is a fresh CERT key: a node CERT's graph holds under it (a tester's, with no row
     * behind it) is not the run's to update. The graph load fails naming the label, property and key, takes out what
     * it wrote and leaves the graph as it was.
     */
    @Test
    void aMovedKeyMeetingANodeOfCertsOwnFailsTheGraphLoadAndLeavesTheGraphAsItWas() throws Exception {
        String run = "mig-20261123100000-003";
        stage(run);
        Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches-" + run));
        try (Connection c = cert.connect("nw")) {
            new PgStoreLoad(LoadTimeouts.defaults()).load(c, spec.spec(), "nw", prodIdentities,
                    new RunInfo(run, CUSTOMER, spec.specHash(), 1, "load-test"), staged, List.of());
        }
        String moved = linkMaps().get("Order.orderID").get(COLLIDING);
        assertThat(moved).isNotEqualTo(COLLIDING);
        try (Session session = certGraph.driver().session()) {
            session.run("CREATE (:Order {orderID: $k, shipName: 'CERT own'})", Map.of("k", moved)).consume();
        }
        try {
            List<String> before = graphContents();
            assertThatThrownBy(() -> new GraphStoreLoad(LoadTimeouts.defaults()).load(certGraph.driver(), spec.spec(),
                    "graph", new RunInfo(run, CUSTOMER, spec.specHash(), 1, "load-test"), staged, linkMaps()))
                    .isInstanceOf(LoadFailedException.class)
                    .hasMessageContaining(":Order orderID " + moved + " is the CERT key a PostgreSQL key map moved")
                    .hasMessageContaining("remove or re-key that node in CERT's graph");
            assertThat(graphContents()).isEqualTo(before);
            assertThat(strings(certGraph.driver(), "MATCH (o:Order {orderID: '" + moved + "'}) RETURN o.shipName AS v"))
                    .containsExactly("CERT own");
            assertThat(RunInventory.ofGraph("graph", certGraph.driver()).runs()).noneMatch(r -> r.runId().equals(run));
            // The category the load merged onto went back, and its before-image with the run's record.
            assertThat(strings(certGraph.driver(), "MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN
                    + ": '" + run + "'}) RETURN count(l) AS v")).containsExactly("0");
        } finally {
            try (Session session = certGraph.driver().session()) {
                session.run("MATCH (o:Order {orderID: $k, shipName: 'CERT own'}) DELETE o", Map.of("k", moved)).consume();
            }
            try (Connection c = cert.connect("nw")) {
                new PgCompensation(LoadTimeouts.defaults()).compensate(c, "nw", List.of("public"), run, false);
            }
        }
    }

    /**
     * A graph batch holding, besides ALFKI's colliding order, a node of the run under the CERT key that order moves
     * to (one whose link the plan does not rewrite, as a spec keeping a dangling node under {@code dangling: null}
     * could stage): two PROD nodes under one CERT key fail the graph load instead of merging into one node; the graph
     * is left as it was.
     */
    @Test
    void aMovedKeyMeetingAnotherNodeOfTheRunFailsTheGraphLoad() throws Exception {
        String run = "mig-20261123100000-004";
        stage(run);
        List<String> before = graphContents();
        try (Connection c = cert.connect("nw")) {
            new PgStoreLoad(LoadTimeouts.defaults()).load(c, spec.spec(), "nw", prodIdentities,
                    new RunInfo(run, CUSTOMER, spec.specHash(), 1, "load-test"),
                    RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches-pg-" + run)), List.of());
        }
        String moved = linkMaps().get("Order.orderID").get(COLLIDING);
        BatchEdit.addAfterFirstRow(staging, run, new TableId("graph", TableId.LABELS, "Order"),
                (columns, row, index) -> row[columns.indexOf("orderID")] = moved);
        Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches-" + run));
        try {
            assertThat(staged.keySet()).contains(new TableId("graph", TableId.LABELS, "Order"));
            assertThatThrownBy(() -> new GraphStoreLoad(LoadTimeouts.defaults()).load(certGraph.driver(), spec.spec(),
                    "graph", new RunInfo(run, CUSTOMER, spec.specHash(), 1, "load-test"), staged, linkMaps()))
                    .isInstanceOf(LoadFailedException.class)
                    .hasMessageContaining("two :Order nodes of the run have the same orderID after key remapping");
            assertThat(graphContents()).isEqualTo(before);
            assertThat(strings(certGraph.driver(), "MATCH (l:" + GraphTarget.LEDGER + " {" + GraphTarget.LEDGER_RUN
                    + ": '" + run + "'}) RETURN count(l) AS v")).containsExactly("0");
        } finally {
            try (Connection c = cert.connect("nw")) {
                new PgCompensation(LoadTimeouts.defaults()).compensate(c, "nw", List.of("public"), run, false);
            }
        }
    }

    /**
     * A label the spec links to no table, with no unique key in PROD, is planned by element id and has no merge key:
     * its nodes are created, and its relationships find them by the CERT element ids the load gave them. Here the
     * suppliers, with the spec's supplier link and PROD's constraint on {@code supplierID} taken out.
     */
    /**
     * Without PROD's constraint on {@code Supplier.supplierID} (nor the spec's link) the suppliers are planned by
     * element id, and {@code SUPPLIES} names them so: created where CERT does not key them either, merged on CERT's
     * key where it does; either way every relationship finds its supplier.
     */
    @ParameterizedTest(name = "CERT keys suppliers: {0}")
    @ValueSource(booleans = {false, true})
    void aLabelPlannedByElementIdLoadsAndItsRelationshipsFindItsNodes(boolean certKeysSuppliers) throws Exception {
        String run = certKeysSuppliers ? "mig-20261123100000-008" : "mig-20261123100000-005";
        LoadedSpec unlinked = withoutSupplierLink();
        Map<TableId, Long> staged;
        try (Session session = prodGraph.driver().session()) {
            session.run("DROP CONSTRAINT Supplier_supplierID").consume();
            try {
                staged = stageGraph(unlinked, run);
            } finally {
                session.run("CREATE CONSTRAINT Supplier_supplierID IF NOT EXISTS FOR (s:Supplier) REQUIRE (s.supplierID)"
                        + " IS UNIQUE").consume();
            }
        }
        assertThat(staged.get(SUPPLIES)).isPositive();
        List<String> before = graphContents();

        List<TableCounts> counts = certKeysSuppliers ? loadGraph(unlinked, run)
                : withoutCertSupplierKey(() -> loadGraph(unlinked, run));

        assertThat(counts).filteredOn(t -> t.table().equals("Supplier")).singleElement()
                .satisfies(t -> assertThat(t.inserted()).isEqualTo(staged.get(SUPPLIERS)));
        suppliesJoinTheirProdPairsAndCompensationRestores(run, staged, before);
    }

    /**
     * PROD keys suppliers by {@code supplierID} and the spec does not link them: the extractor names the ends of
     * {@code SUPPLIES} by that key, and a CERT whose graph keys the label the same way (here the constraint init-target
     * made for the full spec's link) merges suppliers on it, updating the one CERT holds of its own.
     */
    @Test
    void aLabelOnlyTheGraphsConstraintsKeyIsMergedOnThatKey() throws Exception {
        String run = "mig-20261123100000-006";
        LoadedSpec unlinked = withoutSupplierLink();
        Map<TableId, Long> staged = stageGraph(unlinked, run);
        assertThat(staged.get(SUPPLIES)).isPositive();
        String shared = strings(prodGraph.driver(), "MATCH (:Customer {customerID: '" + CUSTOMER + "'})-[:PURCHASED]->"
                + "(:Order)-[:ORDERS]->(:Product)<-[:SUPPLIES]-(s:Supplier) RETURN min(s.supplierID) AS v").get(0);
        try (Session session = certGraph.driver().session()) {
            session.run("CREATE (:Supplier {supplierID: $id, companyName: 'CERT own supplier'})", Map.of("id", shared))
                    .consume();
        }
        try {
            List<String> before = graphContents();

            List<TableCounts> counts = loadGraph(unlinked, run);

            assertThat(counts).filteredOn(t -> t.table().equals("Supplier")).singleElement().satisfies(t -> {
                assertThat(t.updated()).isEqualTo(1);
                assertThat(t.inserted()).isEqualTo(staged.get(SUPPLIERS) - 1);
            });
            String name = "MATCH (s:Supplier {supplierID: '" + shared + "'}) RETURN s.companyName AS v";
            assertThat(strings(certGraph.driver(), name)).isEqualTo(strings(prodGraph.driver(), name))
                    .doesNotContain("CERT own supplier");
            suppliesJoinTheirProdPairsAndCompensationRestores(run, staged, before);
        } finally {
            try (Session session = certGraph.driver().session()) {
                session.run("MATCH (s:Supplier {supplierID: $id}) WHERE s._ferryRun IS NULL DETACH DELETE s",
                        Map.of("id", shared)).consume();
            }
        }
    }

    /** The same run into a CERT graph that does not key suppliers: refused, naming the fix, and nothing is left. */
    @Test
    void relationshipsToALabelNeitherTheSpecNorCertKeysAreRefused() throws Exception {
        String run = "mig-20261123100000-007";
        LoadedSpec unlinked = withoutSupplierLink();
        stageGraph(unlinked, run);
        List<String> before = graphContents();

        assertThatThrownBy(() -> withoutCertSupplierKey(() -> loadGraph(unlinked, run)))
                .isInstanceOf(LoadRefusedException.class)
                .hasMessageContaining(":SUPPLIES relationships name their from. node by supplierID")
                .hasMessageContaining("add a link from that label's supplierID to the spec, or create the constraint");
        assertThat(graphContents()).isEqualTo(before);
    }

    private static final TableId SUPPLIERS = new TableId("graph", TableId.LABELS, "Supplier");
    private static final TableId SUPPLIES = new TableId("graph", TableId.RELATIONSHIPS, "SUPPLIES");
    private static final String SUPPLIER_PRODUCT = "MATCH (s:Supplier)-[:SUPPLIES]->(p:Product)"
            + " RETURN s.supplierID + '/' + p.productID AS v";

    /** Every staged {@code SUPPLIES} joins a supplier and product it joins in PROD; compensation gives back {@code before}. */
    private static void suppliesJoinTheirProdPairsAndCompensationRestores(String run, Map<TableId, Long> staged,
            List<String> before) {
        List<String> loaded = strings(certGraph.driver(), SUPPLIER_PRODUCT);
        assertThat(loaded).hasSize(staged.get(SUPPLIES).intValue()).doesNotHaveDuplicates();
        assertThat(strings(prodGraph.driver(), SUPPLIER_PRODUCT)).containsAll(loaded);

        assertThat(new GraphCompensation(LoadTimeouts.defaults()).compensate(certGraph.driver(), "graph", run, false)
                .outcome()).isEqualTo(Outcome.COMPENSATED);
        assertThat(graphContents()).isEqualTo(before);
    }

    /** Northwind's spec without its link from {@code Supplier}. */
    private static LoadedSpec withoutSupplierLink() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("spec-unlinked"));
        String text = Files.readString(dir.resolve("spec/ferry.yaml"));
        String supplierLink = "  - {from: \"graph:Supplier(supplierID)\", to: \"nw.public.suppliers(supplier_id)\", cast: text}\n";
        assertThat(text).contains(supplierLink);
        Files.writeString(folder.resolve("ferry.yaml"), text.replace(supplierLink, ""));
        Files.copy(dir.resolve("spec/estate.properties"), folder.resolve("estate.properties"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Resolver resolver = Resolver.forFolder(folder, Map.of());
        Spec parsed = new SpecParser(resolver, Set.of(SpecParser.Environment.values())).read(folder.resolve("ferry.yaml"));
        return new LoadedSpec(SpecHash.of(parsed), parsed, resolver);
    }

    private static Map<TableId, Long> stageGraph(LoadedSpec unlinked, String run) throws Exception {
        Map<TableId, Long> staged = GraphStage.stage(prodGraph.driver(), unlinked, CUSTOMER, staging, run,
                Files.createDirectories(dir.resolve("stage-" + run)));
        assertThat(staged.get(SUPPLIERS)).isPositive();
        return staged;
    }

    /** Runs {@code load} while CERT's graph lacks the constraint init-target made for the spec's supplier link. */
    private static <T> T withoutCertSupplierKey(java.util.concurrent.Callable<T> load) throws Exception {
        String constraint = "`ferry_key_Supplier_supplierID`";
        try (Session session = certGraph.driver().session()) {
            session.run("DROP CONSTRAINT " + constraint).consume();
            try {
                return load.call();
            } finally {
                session.run("CREATE CONSTRAINT " + constraint + " IF NOT EXISTS FOR (n:Supplier) REQUIRE n.supplierID"
                        + " IS UNIQUE").consume();
            }
        }
    }

    private static List<TableCounts> loadGraph(LoadedSpec unlinked, String run) throws Exception {
        return new GraphStoreLoad(LoadTimeouts.defaults()).load(certGraph.driver(), unlinked.spec(), "graph",
                new RunInfo(run, CUSTOMER, unlinked.specHash(), 1, "load-test"),
                RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches-" + run)),
                GraphLinkMaps.read(unlinked.spec(), "graph", CUSTOMER, store -> cert.connect(store.name())));
    }

    private static Map<TableId, Long> stage(String run) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("stage-" + run));
        DistrictStage.stage(prod, spec, CUSTOMER, staging, run, tmp);
        return GraphStage.stage(prodGraph.driver(), spec, CUSTOMER, staging, run, tmp);
    }

    /** The key maps the graph's linked properties follow (nw's remapped orders), as the loader reads them. */
    private static Map<String, Map<String, String>> linkMaps() throws Exception {
        return GraphLinkMaps.read(spec.spec(), "graph", CUSTOMER, store -> cert.connect(store.name()));
    }

    private static List<String> graphContents() {
        return GraphContents.of(certGraph.driver());
    }

    private static List<String> strings(Driver driver, String cypher) {
        try (Session session = driver.session()) {
            return session.run(cypher).list(r -> r.get("v").isNull() ? null : r.get("v").asObject().toString());
        }
    }
}
