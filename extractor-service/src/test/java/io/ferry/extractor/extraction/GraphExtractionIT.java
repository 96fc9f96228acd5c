package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult.TableBatches;
import io.ferry.estate.SampleEstate;
import io.ferry.planning.KeysWriter;
import io.ferry.planning.Tuple;
import io.ferry.planning.graph.GraphPlan;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.TableId;
import io.ferry.schema.neo4j.GraphValues;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.SharedProdEstate;
import io.ferry.staging.StagingLayout;
import io.ferry.testkit.Datasets;
import io.ferry.testkit.NorthwindGraph;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Extraction of a Neo4j store: the small sample estate's {@code sp} for district-001 (PROD PostgreSQL as a
 * hot standby, the graph in the Neo4j harness) against the graph plan and Cypher, the Northwind graph
 * under its spec, and a graph store the spec does not plan.
 */
class GraphExtractionIT {

    private static final List<String> PG_STORES = List.of("ids", "hcp1", "hcp2", "adb");
    private static final String DISTRICT = "district-001";
    private static final String RUN = "mig-20261121090000-001";

    @TempDir
    static Path dir;
    private static PostgresServer prod;
    private static Neo4jServer graph;
    private static LoadedSpec spec;
    private static Path specFolder;

    @BeforeAll
    static void estate() throws Exception {
        // the JVM's PROD, shared with SampleEstateExtractionIT: a standby, and the graph is only read
        prod = SharedProdEstate.standby();
        graph = SharedProdEstate.graph();
        specFolder = dir.resolve("spec");
        spec = ExtractionRig.sampleEstateSpec(specFolder, prod, prod, graph.boltUri().toString(), true);
    }

    @Test
    void theSampleGraphMatchesThePlanAndCypherAndASecondExtractionInSmallQueriesIsIdentical(@TempDir Path work) throws Exception {
        GraphPlan plan = plan(spec, DISTRICT, "sp");
        ExtractionRig rig = new ExtractionRig(work);

        ExtractionRig.Extracted out = rig.extract(spec, RUN, DISTRICT, "sp");

        assertThat(out.result().keySetLocation()).isEqualTo(StagingLayout.keys(RunId.parse(RUN), "sp"));
        assertThat(rig.keySetFiles(RUN, "sp")).as("key sets: no link of the spec points at sp").isEmpty();
        // Were every label and type a link's target, each would get the plan's keys as its key set:
        try (ProdSnapshot snapshot = ProdSnapshot.open(spec.spec(), spec.resolver())) {
            KeySets.writeGraph(rig.staging, new ExtractRequest(RUN, DISTRICT, spec.specHash(), 1, "sp", 0, List.of()),
                    plan, GraphStoreReader.layouts(plan, snapshot.fullSchema()), Set.copyOf(plan.tables()), rig.key,
                    rig.tempDir());
        }
        assertThat(out.result().tables()).extracting(t -> new TableId("sp", t.schema(), t.table()))
                .containsExactlyInAnyOrderElementsOf(plan.tables());
        assertThat(plan.tables()).extracting(TableId::schema).contains(TableId.LABELS, TableId.RELATIONSHIPS);
        long total = 0;
        try (Session session = graph.driver().session()) {
            for (TableBatches t : out.result().tables()) {
                TableId id = new TableId("sp", t.schema(), t.table());
                boolean label = t.schema().equals(TableId.LABELS);
                List<BatchManifest> batches = out.of(t.schema(), t.table());
                assertThat(t.kind()).isEqualTo(label ? BatchKind.LABEL : BatchKind.RELATIONSHIP);
                assertThat(batches).hasSize(t.batches()).allSatisfy(m -> assertThat(m.kind()).isEqualTo(t.kind()));
                assertThat(t.rows()).as("rows of %s", id).isEqualTo(plan.keys(id).size());
                assertThat(batches.stream().mapToLong(BatchManifest::rows).sum()).isEqualTo(t.rows());

                List<String> columns = columns(rig, batches);
                List<String> keyColumns = plan.keyColumns(id);
                assertThat(columns.subList(0, keyColumns.size())).isEqualTo(keyColumns);
                assertThat(columns.getLast().equals(GraphStoreReader.LABELS_COLUMN)).isEqualTo(label);
                List<String[]> rows = rig.rows(batches);
                assertThat(keyLines(rows, keyColumns.size())).as("keys of %s, in key order", id)
                        .containsExactlyElementsOf(planLines(plan.keys(id)));
                assertThat(keyLines(rig.keySet(RUN, id), keyColumns.size())).as("key set of %s", id)
                        .containsExactlyElementsOf(planLines(plan.keys(id)));
                List<String> ids = plan.ids(id);
                for (int i : sampled(rows.size())) {
                    assertSameAsCypher(session, id, columns, keyColumns.size(), rows.get(i), ids.get(i));
                }
                total += t.rows();
            }
        }
        assertThat(out.result().tables()).filteredOn(t -> t.table().equals("Person")).singleElement()
                .satisfies(t -> assertThat(t.rows()).isPositive());
        assertThat(total).as("nodes and relationships of district-001").isGreaterThan(1_000);
        assertThat(out.progress()).isNotEmpty().last().satisfies(pr -> assertThat(pr.rowsDone()).isEqualTo(pr.rowsTotal()));
        assertThat(out.progress().getLast().rowsTotal()).isEqualTo(total);
        assertThat(out.result().crossTenant()).as("the planted connection and guardian").isNotEmpty();
        try (var left = Files.list(rig.tempDir())) {
            assertThat(left).as("temp files left by the extractor").isEmpty();
        }

        List<List<String>> firstRows = contents(rig, out.manifests());
        // again, 97 ids a query: every label and type over several queries, each sent while the last one's rows are made
        ExtractionRig.Extracted again = rig.extract(rig.extractor(ExtractionRig.SETTINGS, 97), spec, RUN, DISTRICT, "sp",
                null);
        assertThat(again.manifests()).extracting(BatchManifest::batchId, BatchManifest::stagingPath, BatchManifest::rows,
                BatchManifest::lastOfTable, BatchManifest::schemaFingerprint).containsExactlyInAnyOrderElementsOf(
                        out.manifests().stream().map(m -> org.assertj.core.groups.Tuple.tuple(m.batchId(), m.stagingPath(),
                                m.rows(), m.lastOfTable(), m.schemaFingerprint())).toList());
        assertThat(contents(rig, again.manifests())).isEqualTo(firstRows);
        assertThat(again.result()).isEqualTo(out.result());
    }

    @Test
    void northwindsGraphExtractsEveryLabelAndTypeOfThePlan(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        Path data = Datasets.root().orElseThrow().resolve("northwind");
        try (PostgresServer pg = PostgresServer.startTemporary();
                Neo4jServer nwGraph = NorthwindGraph.start(data)) {
            pg.createDatabase("nw");
            try (Connection c = pg.connect("nw")) {
                SqlScriptRunner.run(c, data.resolve("northwind-postgres.sql"));
            }
            Path folder = ExtractionFidelityIT.specFolder(work, Datasets.repoRoot().resolve("specs/northwind/ferry.yaml"),
                    Map.of("nw", pg.jdbcUrl("nw")), Map.of("nw", pg.jdbcUrl("nw")),
                    Map.of("prod.graph.url", nwGraph.boltUri().toString(), "cert.graph.url", nwGraph.boltUri().toString()));
            LoadedSpec northwind = ExtractionRig.spec(folder);
            GraphPlan plan = plan(northwind, "ALFKI", "graph");
            ExtractionRig rig = new ExtractionRig(work);

            ExtractionRig.Extracted out = rig.extract(northwind, RUN, "ALFKI", "graph");

            Map<String, Long> rows = new LinkedHashMap<>();
            for (TableId id : plan.tables()) {
                TableBatches t = out.result().tables().stream()
                        .filter(b -> b.schema().equals(id.schema()) && b.table().equals(id.name())).findFirst().orElseThrow();
                List<BatchManifest> batches = out.of(id.schema(), id.name());
                assertThat(t.rows()).as("rows of %s", id).isEqualTo(plan.keys(id).size());
                assertThat(batches).hasSize(t.batches());
                assertThat(keyLines(rig.rows(batches), plan.keyColumns(id).size())).as("keys of %s", id)
                        .containsExactlyElementsOf(planLines(plan.keys(id)));
                rows.put(id.schema() + "." + id.name(), t.rows());
            }
            assertThat(out.result().tables()).hasSize(plan.tables().size());
            assertThat(rows).containsKeys("label.Customer", "label.Order", "label.Product", "relationship.PURCHASED",
                    "relationship.ORDERS");
            assertThat(rows.get("label.Customer")).isEqualTo(1L);
            assertThat(rows.get("label.Order")).isPositive();
            assertThat(rows.get("relationship.ORDERS")).isPositive();
            System.out.printf("graph ALFKI: %s%n", rows);
        }
    }

    /**
     * A hand-made graph with every kind of property value, a label without a key, a node with two labels,
     * a property of two types and two relationships of one type between the same nodes: the batches hold
     * exactly the documented text and column types.
     */
    @Test
    void everyKindOfPropertyValueTravelsAsItsDocumentedText(@TempDir Path work) throws Exception {
        try (PostgresServer pg = PostgresServer.startTemporary(); Neo4jServer zoo = Neo4jServer.startTemporary()) {
            pg.createDatabase("zoo");
            try (Connection c = pg.connect("zoo"); var st = c.createStatement()) {
                st.execute("CREATE TABLE district (id integer PRIMARY KEY, code text NOT NULL UNIQUE);"
                        + " INSERT INTO district VALUES (1, 'north'), (2, 'south')");
            }
            try (Session session = zoo.driver().session()) {
                session.run("CREATE CONSTRAINT district_key FOR (n:District) REQUIRE n.districtId IS UNIQUE").consume();
                session.run("CREATE CONSTRAINT thing_key FOR (n:Thing) REQUIRE n.thingId IS UNIQUE").consume();
                session.run("""
                        CREATE (d:District {districtId: 1, name: 'North'}), (d2:District {districtId: 2, name: 'South'})
                        CREATE (a:Thing {thingId: 'a', s: 'Zoë, "quoted"', i: 9223372036854775807, f: 0.1,
                            nan: 0.0 / 0.0, inf: -1.0 / 0.0, b: true, d: date('2024-02-29'),
                            dt: datetime('2024-07-01T08:15:30.12[Europe/Paris]'), ldt: localdatetime('2024-02-29T08:15'),
                            t: time('08:15:00+01:00'), lt: localtime('23:59:59.000000001'),
                            dur: duration('P14M16DT12.000000001S'), p: point({longitude: 2.35, latitude: 48.85}),
                            p3: point({x: 1, y: 2, z: 3}), ls: ['x', 'y,z'], li: [1, -2], mixed: 5, bytes: $bytes})
                        CREATE (b:Thing {thingId: 'b', s: '', mixed: 'five'})
                        CREATE (x:Thing {thingId: 'x', s: 'south only'})
                        CREATE (n1:Note:Extra {text: 'two labels'}), (n2:Note {text: 'one label'})
                        CREATE (d)-[:HAS {since: date('2020-01-01'), w: 1.5}]->(a), (d)-[:HAS]->(b), (d2)-[:HAS]->(x)
                        CREATE (a)-[:LINKED]->(n1), (b)-[:LINKED]->(n2)
                        CREATE (a)-[:TWIN {n: 1}]->(b), (a)-[:TWIN {n: 2}]->(b)
                        """, Map.of("bytes", new byte[] {0x0a, (byte) 0xff})).consume();
            }
            Path folder = Files.createDirectories(work.resolve("zoo-spec"));
            Files.writeString(folder.resolve("ferry.yaml"), """
                    version: 1
                    stores:
                      zoo: {kind: postgres, schemas: [public],
                            prod: {url: "${prod.zoo.url}", user: "${prod.zoo.user}", password: "${prod.zoo.password}"},
                            cert: {url: "${prod.zoo.url}", user: "${prod.zoo.user}", password: "${prod.zoo.password}"}}
                      g: {kind: neo4j, prod: {url: "${prod.g.url}"}, cert: {url: "${prod.g.url}"}}
                    tenant: {store: zoo, table: public.district, key: [code]}
                    links:
                      - {from: "g:District(districtId)", to: "zoo.public.district(id)"}
                    closure:
                      graph: {roots: "g:District(districtId)", follow: [HAS, LINKED, TWIN]}
                    """);
            ExtractionRig.writeProperties(folder, Map.of("prod.zoo.url", pg.jdbcUrl("zoo"), "prod.zoo.user",
                    PostgresServer.SUPERUSER, "prod.zoo.password", "unused", "prod.g.url", zoo.boltUri().toString()));
            LoadedSpec zooSpec = ExtractionRig.spec(folder);
            ExtractionRig rig = new ExtractionRig(work);

            ExtractionRig.Extracted out = rig.extract(zooSpec, RUN, "north", "g");

            Map<String, Map<String, String>> types = new LinkedHashMap<>();
            Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
            for (TableBatches t : out.result().tables()) {
                List<BatchManifest> batches = out.of(t.schema(), t.table());
                Map<String, String> columnTypes = new LinkedHashMap<>();
                List<Map<String, String>> tableRows = new ArrayList<>();
                if (!batches.isEmpty()) {
                    Path local = rig.tempDir().resolve("zoo.parquet");
                    rig.staging.get(batches.get(0).stagingPath(), local);
                    try (BatchReader reader = BatchReader.open(local, rig.key)) {
                        reader.schema().columns().forEach(c -> columnTypes.put(c.name(), c.pgType()));
                    } finally {
                        Files.deleteIfExists(local);
                    }
                    List<String> names = new ArrayList<>(columnTypes.keySet());
                    for (String[] row : rig.rows(batches)) {
                        Map<String, String> named = new LinkedHashMap<>();
                        for (int i = 0; i < row.length; i++) {
                            named.put(names.get(i), row[i]);
                        }
                        tableRows.add(named);
                    }
                }
                types.put(t.schema() + "." + t.table(), columnTypes);
                rows.put(t.schema() + "." + t.table(), tableRows);
            }

            assertThat(rows.keySet()).containsExactly("label.District", "label.Extra", "label.Note", "label.Thing",
                    "relationship.HAS", "relationship.LINKED", "relationship.TWIN");
            assertThat(rows.get("label.District")).containsExactly(Map.of("districtId", "1", "name", "North",
                    "_labels", "[\"District\"]"));
            assertThat(types.get("label.Thing")).containsExactly(Map.entry("thingId", "neo4j:String"),
                    Map.entry("b", "neo4j:Boolean"), Map.entry("bytes", "neo4j:ByteArray"), Map.entry("d", "neo4j:Date"),
                    Map.entry("dt", "neo4j:DateTime"), Map.entry("dur", "neo4j:Duration"), Map.entry("f", "neo4j:Double"),
                    Map.entry("i", "neo4j:Long"), Map.entry("inf", "neo4j:Double"), Map.entry("ldt", "neo4j:LocalDateTime"),
                    Map.entry("li", "neo4j:LongArray"), Map.entry("ls", "neo4j:StringArray"),
                    Map.entry("lt", "neo4j:LocalTime"), Map.entry("mixed", "neo4j:Any"), Map.entry("nan", "neo4j:Double"),
                    Map.entry("p", "neo4j:Point"), Map.entry("p3", "neo4j:Point"), Map.entry("s", "neo4j:String"),
                    Map.entry("t", "neo4j:Time"), Map.entry("_labels", "neo4j:StringArray"));
            Map<String, String> a = new LinkedHashMap<>();
            a.put("thingId", "a");
            a.put("b", "true");
            a.put("bytes", "\\x0aff");
            a.put("d", "2024-02-29");
            a.put("dt", "2024-07-01T08:15:30.12+02:00[Europe/Paris]");
            a.put("dur", "P14M16DT12.000000001S");
            a.put("f", "0.1");
            a.put("i", "9223372036854775807");
            a.put("inf", "-Infinity");
            a.put("ldt", "2024-02-29T08:15:00");
            a.put("li", "[1,-2]");
            a.put("ls", "[\"x\",\"y,z\"]");
            a.put("lt", "23:59:59.000000001");
            a.put("mixed", "5");
            a.put("nan", "NaN");
            a.put("p", "{\"srid\":4326,\"x\":2.35,\"y\":48.85}");
            a.put("p3", "{\"srid\":9157,\"x\":1.0,\"y\":2.0,\"z\":3.0}");
            a.put("s", "Zoë, \"quoted\"");
            a.put("t", "08:15:00+01:00");
            a.put("_labels", "[\"Thing\"]");
            Map<String, String> b = new LinkedHashMap<>();
            a.keySet().forEach(k -> b.put(k, null));
            b.putAll(Map.of("thingId", "b", "s", "", "mixed", "five", "_labels", "[\"Thing\"]"));
            assertThat(rows.get("label.Thing")).containsExactly(a, b);

            assertThat(types.get("label.Note").keySet()).containsExactly("<element>", "text", "_labels");
            assertThat(rows.get("label.Note")).extracting(r -> r.get("text") + " " + r.get("_labels"))
                    .containsExactlyInAnyOrder("two labels [\"Extra\",\"Note\"]", "one label [\"Note\"]");
            assertThat(rows.get("label.Extra")).singleElement().satisfies(r -> assertThat(r.get("text")).isEqualTo("two labels"));

            assertThat(types.get("relationship.HAS")).containsExactly(Map.entry("from.districtId", "neo4j:Long"),
                    Map.entry("to.thingId", "neo4j:String"), Map.entry("since", "neo4j:Date"), Map.entry("w", "neo4j:Double"));
            Map<String, String> hasB = new LinkedHashMap<>();
            hasB.put("from.districtId", "1");
            hasB.put("to.thingId", "b");
            hasB.put("since", null);
            hasB.put("w", null);
            assertThat(rows.get("relationship.HAS")).containsExactly(
                    Map.of("from.districtId", "1", "to.thingId", "a", "since", "2020-01-01", "w", "1.5"), hasB);
            assertThat(types.get("relationship.LINKED").keySet()).containsExactly("from.thingId", "to.<element>");
            assertThat(rows.get("relationship.LINKED")).extracting(r -> r.get("from.thingId")).containsExactly("a", "b");
            assertThat(types.get("relationship.TWIN").keySet()).containsExactly("from.thingId", "to.thingId", "<element>", "n");
            assertThat(rows.get("relationship.TWIN")).extracting(r -> r.get("from.thingId") + ">" + r.get("to.thingId")
                    + " " + r.get("n")).containsExactlyInAnyOrder("a>b 1", "a>b 2");

            // A relationship of the plan deleted while the labels are read (after the first batch): a retry plans again.
            boolean[] deleted = {false};
            ExtractionListener deleting = new ExtractionListener() {
                @Override
                public void batch(BatchManifest manifest) {
                    if (!deleted[0]) {
                        try (Session session = zoo.driver().session()) {
                            session.run("MATCH ()-[r:TWIN {n: 2}]->() DELETE r").consume();
                        }
                        deleted[0] = true;
                    }
                }

                @Override
                public void progress(io.ferry.contracts.messages.Progress progress) {
                }
            };
            assertThatThrownBy(() -> rig.extractor(ExtractionRig.SETTINGS).extract(new io.ferry.contracts.messages.ExtractRequest(
                    "mig-20261121090000-002", "north", zooSpec.specHash(), 1, "g", 0, List.of()), zooSpec, deleting))
                    .isInstanceOfSatisfying(ExtractionFailure.class, f -> {
                        assertThat(f.failure().code()).isEqualTo("GRAPH_CHANGED");
                        assertThat(f.isTransient()).isTrue();
                        assertThat(f.getMessage()).contains("relationship.TWIN");
                    });
            assertThat(deleted[0]).isTrue();
            try (var left = Files.list(rig.tempDir())) {
                assertThat(left).as("temp files left by the failed extraction").isEmpty();
            }
        }
    }

    /**
     * A relational store needs only the relational closure, so it is read while the graph store is still being
     * closed beside it, in one session fewer while the graph's holds one on every relational store: PROD never sees
     * more sessions of the store than the cap, and the batches and the report (cross-tenant rows, dangling
     * references) are those the whole closure computed in line first gives.
     */
    @Test
    void aRelationalStoreIsReadBesideTheGraphClosureWithinTheConnectionCapAndReportsAsInLine(@TempDir Path work)
            throws Exception {
        ExtractionRig rig = new ExtractionRig(work);
        ExtractionRig.Extracted inLine = extractAlone(rig, 1, "mig-20261121090000-101");

        int cap = 2;
        // Only sessions opened from here on: plans of other tests keep theirs until they expire.
        java.sql.Timestamp since;
        try (Connection c = prod.connect("ids"); var rs = c.createStatement().executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            since = rs.getTimestamp(1);
        }
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (reading.get()) {
                most.accumulateAndGet(extractorSessionsOnIds(since), Math::max);
            }
        });
        ExtractionRig.Extracted beside;
        try {
            beside = extractAlone(rig, cap, "mig-20261121090000-102");
        } finally {
            reading.set(false);
            sampler.join();
        }

        assertThat(most.get()).as("PROD sessions on ids at once").isBetween(1, cap);
        assertThat(beside.result().tables()).isEqualTo(inLine.result().tables());
        assertThat(beside.result().crossTenant()).isNotEmpty().isEqualTo(inLine.result().crossTenant());
        assertThat(beside.result().dangling()).isEqualTo(inLine.result().dangling());
        assertThat(beside.manifests()).extracting(BatchManifest::table, BatchManifest::seq, BatchManifest::rows)
                .containsExactlyInAnyOrderElementsOf(inLine.manifests().stream().map(m -> org.assertj.core.groups.Tuple
                        .tuple(m.table(), m.seq(), m.rows())).toList());
        assertThat(contents(rig, beside.manifests())).isEqualTo(contents(rig, inLine.manifests()));
    }

    /**
     * A closure that breaks a {@code fail} policy stops a relational store before it reads (its own violations are
     * known before the graphs are closed) and the graph store too (the whole closure's include the relational ones).
     */
    @Test
    void aClosureThatBreaksAFailPolicyStopsEveryStoreBeforeItsRows(@TempDir Path work) throws Exception {
        String yaml = SampleEstate.ferryYaml();
        assertThat(yaml).contains("  crossTenant: copy\n");
        Path folder = Files.createDirectories(work.resolve("fail"));
        Files.writeString(folder.resolve("ferry.yaml"), yaml.replace("  crossTenant: copy\n", "  crossTenant: fail\n"));
        Files.copy(specFolder.resolve("estate.properties"), folder.resolve("estate.properties"));
        LoadedSpec failing = ExtractionRig.spec(folder);
        ExtractionRig rig = new ExtractionRig(work);

        for (String store : List.of("ids", "sp")) {
            assertThatThrownBy(() -> rig.extract(failing, RUN, DISTRICT, store))
                    .as(store).isInstanceOfSatisfying(ExtractionFailure.class, f -> {
                        assertThat(f.failure().code()).isEqualTo("CLOSURE_POLICY");
                        assertThat(f.isTransient()).isFalse();
                        assertThat(f.getMessage()).contains("ferry plan --district " + DISTRICT);
                    });
        }
        try (Stream<Path> files = Files.walk(rig.root)) {
            assertThat(files.filter(Files::isRegularFile)).as("nothing staged").isEmpty();
        }
    }

    /** The extractor's sessions on PROD's {@code ids} opened since {@code since}. */
    private static int extractorSessionsOnIds(java.sql.Timestamp since) {
        try (Connection c = prod.connect("ids"); var st = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = 'ids' AND application_name = 'ferry-extractor' AND backend_start >= ?")) {
            st.setTimestamp(1, since);
            var rs = st.executeQuery();
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** District-001's {@code ids} with {@code cap} sessions per store; the run's plan (and its sessions) closed after. */
    private static ExtractionRig.Extracted extractAlone(ExtractionRig rig, int cap, String runId) {
        ExtractionSettings settings = ExtractionRig.settings(cap, 250_000, 32L << 20, 3);
        PlannedRuns runs = PlannedRuns.of(settings);
        try {
            return rig.extract(rig.extractor(settings, runs), spec, runId, DISTRICT, "ids", null);
        } finally {
            runs.closeAll(java.time.Duration.ZERO);
        }
    }

    @Test
    void aGraphStoreWithoutRootsIsNotPlanned(@TempDir Path work) throws Exception {
        String yaml = SampleEstate.ferryYaml();
        String rootsLine = yaml.lines().filter(l -> l.strip().startsWith("graph: {roots:")).findFirst().orElseThrow();
        Path folder = Files.createDirectories(work.resolve("no-roots"));
        Files.writeString(folder.resolve("ferry.yaml"), yaml.replace(rootsLine + "\n", ""));
        Files.copy(specFolder.resolve("estate.properties"), folder.resolve("estate.properties"));
        ExtractionRig rig = new ExtractionRig(work);

        assertThatThrownBy(() -> rig.extract(ExtractionRig.spec(folder), RUN, DISTRICT, "sp"))
                .isInstanceOfSatisfying(ExtractionFailure.class, f -> {
                    assertThat(f.failure().code()).isEqualTo("GRAPH_NOT_PLANNED");
                    assertThat(f.isTransient()).isFalse();
                    assertThat(f.getMessage()).contains("sp", "closure.graph.roots");
                });
        try (Stream<Path> files = Files.walk(rig.root)) {
            assertThat(files.filter(Files::isRegularFile)).as("nothing staged").isEmpty();
        }
    }

    /** The store's graph plan, computed as {@code ferry plan} does. */
    private static GraphPlan plan(LoadedSpec loaded, String district, String store) {
        try (ProdSnapshot snapshot = ProdSnapshot.open(loaded.spec(), loaded.resolver());
                DistrictClosure closure = DistrictClosure.compute(loaded.spec(), snapshot, district, 1_000_000)) {
            return closure.graphs().stream().filter(g -> g.store().equals(store)).findFirst().orElseThrow();
        }
    }

    /**
     * Each column of a row equals the encoding of what Cypher returns for that node or relationship; string,
     * integer and boolean properties also equal Cypher's own {@code toString}.
     */
    private static void assertSameAsCypher(Session session, TableId id, List<String> columns, int keys, String[] row,
            String storeId) {
        boolean label = id.schema().equals(TableId.LABELS);
        Record r = session.run(label
                ? "MATCH (n) WHERE id(n) = $id RETURN properties(n) AS props, labels(n) AS labels,"
                        + " [k IN keys(n) | [k, toString(n[k])]] AS texts"
                : "MATCH ()-[n]->() WHERE id(n) = $id RETURN properties(n) AS props, [] AS labels,"
                        + " [k IN keys(n) | [k, toString(n[k])]] AS texts",
                Map.of("id", Long.parseLong(storeId))).single();
        Map<String, Object> props = r.get("props").asMap();
        Map<String, String> cypherText = new LinkedHashMap<>();
        for (Value pair : r.get("texts").values()) {
            cypherText.put(pair.get(0).asString(), pair.get(1).isNull() ? null : pair.get(1).asString());
        }
        int properties = 0;
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            if (column.equals(GraphStoreReader.LABELS_COLUMN) && label) {
                assertThat(row[c]).isEqualTo(GraphValues.text(new TreeSet<>(r.get("labels").asList(Value::asString))
                        .stream().toList()));
                continue;
            }
            if (c < keys && (column.contains(".") || column.equals(GraphPlan.ELEMENT))) {
                continue; // relationship end keys and ids: compared with the plan's keys
            }
            Object value = props.get(column);
            properties += value == null ? 0 : 1;
            assertThat(row[c]).as("%s.%s of %s", id, column, storeId).isEqualTo(GraphValues.text(value));
            if (value instanceof String || value instanceof Long || value instanceof Boolean) {
                assertThat(row[c]).as("%s.%s as Cypher prints it", id, column).isEqualTo(cypherText.get(column));
            }
        }
        assertThat(properties).as("every property of %s %s is in the batch", id, storeId).isEqualTo(props.size());
    }

    private static List<Integer> sampled(int rows) {
        return rows == 0 ? List.of() : new ArrayList<>(new TreeSet<>(List.of(0, rows / 3, rows / 2, rows - 1)));
    }

    private static List<String> columns(ExtractionRig rig, List<BatchManifest> batches) throws Exception {
        if (batches.isEmpty()) {
            return List.of();
        }
        Path local = rig.tempDir().resolve("schema.parquet");
        rig.staging.get(batches.get(0).stagingPath(), local);
        try (BatchReader reader = BatchReader.open(local, rig.key)) {
            return reader.schema().columns().stream().map(BatchColumn::name).toList();
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private static List<String> keyLines(List<String[]> rows, int keys) {
        return rows.stream().map(r -> KeysWriter.line(Arrays.copyOf(r, keys, Object[].class)).stripTrailing()).toList();
    }

    private static List<String> planLines(List<Tuple> keys) {
        return keys.stream().map(k -> KeysWriter.line(k.values()).stripTrailing()).toList();
    }

    private static List<List<String>> contents(ExtractionRig rig, List<BatchManifest> manifests) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (BatchManifest m : manifests.stream().sorted(java.util.Comparator.comparing(BatchManifest::batchId)).toList()) {
            for (String[] row : rig.rows(List.of(m))) {
                rows.add(Arrays.asList(row));
            }
        }
        return rows;
    }
}
