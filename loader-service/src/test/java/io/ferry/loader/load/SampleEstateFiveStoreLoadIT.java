package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cert.DatabaseIdentity;
import io.ferry.cert.GraphTarget;
import io.ferry.cert.InitTarget;
import io.ferry.cert.PostgresTarget;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.CompensateResult.Cause;
import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.estate.EstateServers;
import io.ferry.estate.SampleEstate;
import io.ferry.loader.load.PgCompensation.Outcome;
import io.ferry.schema.model.TableId;
import io.ferry.schema.neo4j.GraphValues;
import io.ferry.service.StepTimes;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.service.testing.DistrictStage;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.EstateSpec;
import io.ferry.service.testing.GraphStage;
import io.ferry.service.testing.SharedProdEstate;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * district-001 of the sample estate (small preset) across all five stores: the four PostgreSQL databases, then
 * the {@code sp} graph, into CERT, whose test districts reuse PROD's surrogate keys. The graph's people and
 * classes follow the keys their PostgreSQL rows were remapped to.
 */
class SampleEstateFiveStoreLoadIT {

    private static final String DISTRICT = "district-001";
    private static final List<String> PG = SampleEstate.PG_DATABASES;

    @TempDir
    static Path dir;
    private static EstateServers servers;
    private static LoadedSpec spec;
    private static Staging staging;
    private static List<DatabaseIdentity> prodIdentities;

    @BeforeAll
    static void estate() throws Exception {
        servers = new EstateServers(SharedProdEstate.postgres(), PostgresServer.startTemporary(),
                SharedProdEstate.graph(), Neo4jServer.startTemporary());
        SharedProdEstate.generateCert(servers.certPg(), servers.certSp());
        spec = EstateSpec.write(dir.resolve("spec"), EstateSpec.yamlWithGraph(), EstateSpec.properties("prod",
                servers.prodPg()) + EstateSpec.properties("cert", servers.certPg()) + "prod.sp.url="
                + servers.prodSp().boltUri() + "\ncert.sp.url=" + servers.certSp().boltUri() + "\n");
        staging = new FileSystemStaging(dir.resolve("staging"));
        prodIdentities = new ArrayList<>();
        for (String store : PG) {
            try (Connection c = servers.certPg().connect(store)) {
                PostgresTarget.prepare(store, c, servers.certPg().jdbcUrl(store), PostgresServer.SUPERUSER, "unused",
                        PostgresServer.SUPERUSER);
            }
            try (Connection c = servers.prodPg().connect(store)) {
                prodIdentities.add(DatabaseIdentity.of(c));
            }
        }
        GraphTarget.prepare("sp", servers.certSp().driver(), InitTarget.mergeKeys(spec.spec(), "sp"),
                List.of(GraphTarget.storeId(servers.prodSp().driver())));
    }

    @AfterAll
    static void stop() {
        // PROD is the JVM's (SharedProdEstate)
        if (servers != null) {
            servers.certPg().close();
            servers.certSp().close();
        }
    }

    @Test
    void aDistrictLoadsIntoAllFiveStoresAndTheGraphFollowsTheRemappedKeys() throws Exception {
        String run = "mig-20261123110000-001";
        Map<String, Map<TableId, TableProof>> tablesBefore = tables();
        List<String> graphBefore = graphContents();
        Loaded loaded = load(run, DISTRICT);
        Map<String, Map<String, String>> linkMaps = loaded.linkMaps();
        assertThat(linkMaps.get("Person.personId").entrySet()).anySatisfy(e -> assertThat(e.getValue())
                .isNotEqualTo(e.getKey()));
        for (TableCounts t : loaded.graphCounts()) {
            TableId id = new TableId("sp", t.schema(), t.table());
            assertThat(t.inserted() + t.updated()).as(id.toString()).isEqualTo(loaded.stagedGraph().get(id));
        }
        // Every person and class node the run wrote into the graph carries the CERT key its PostgreSQL row got,
        // moved keys included. The graph also copies a few nodes whose rows the district's closure does not hold
        // (validation reports them as cross-store errors): those keep their PROD key, which the map does not know.
        followsTheKeys(run, "Person", "personId", "ids", "public.person", linkMaps.get("Person.personId"));
        followsTheKeys(run, "Class", "sectionId", "hcp1", "public.section", linkMaps.get("Class.sectionId"));

        compensate(run);
        assertThat(graphContents()).isEqualTo(graphBefore);
        assertThat(tables()).isEqualTo(tablesBefore);
    }

    /**
     * A loader that dies part-way through a graph load leaves the run's {@code :FerryRun} node {@code loading} and
     * some of its nodes and relationships written. The load sent again takes them out and loads afresh: the graph
     * ends exactly as after an undisturbed load, and compensation still takes it all out.
     */
    @Test
    void aGraphLoadSentAgainAfterItsLoaderDiedPartWayLoadsAfresh() throws Exception {
        String run = "mig-20261127060000-001";
        List<String> graphBefore = graphContents();
        Loaded loaded = load(run, DISTRICT);
        List<String> graphLoaded = graphContents();
        try (Session session = servers.certSp().driver().session()) {
            // What a halt between two of the load's transactions leaves: the run still loading, part of it written.
            session.run("MATCH (r:" + GraphTarget.RUN + " {runId: $run}) SET r.status = 'loading', r.counts = null",
                    Map.of("run", run)).consume();
            long removed = session.run("MATCH ()-[x]->() WHERE x._ferryRun = $run WITH x LIMIT 500 DELETE x"
                    + " RETURN count(*) AS n", Map.of("run", run)).single().get("n").asLong();
            assertThat(removed).isEqualTo(500);
        }
        assertThat(graphContents()).isNotEqualTo(graphLoaded);

        Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(run), dir.resolve("again-" + run));
        StepTimes steps = new StepTimes();
        steps.mark("fetch");
        List<TableCounts> again = new GraphStoreLoad(LoadTimeouts.defaults(), steps).load(servers.certSp().driver(),
                spec.spec(), "sp", new RunInfo(run, DISTRICT, spec.specHash(), 1, "load-test"), staged,
                loaded.linkMaps());
        assertThat(again).isEqualTo(loaded.graphCounts());
        // The load's steps follow the caller's, each once: the take-out of the first attempt is part of preparing.
        assertThat(steps.seconds().keySet()).containsExactly("fetch", "prepare", "nodes", "relationships", "proofs");
        assertThat(graphContents()).isEqualTo(graphLoaded);
        try (Session session = servers.certSp().driver().session()) {
            assertThat(session.run("MATCH (r:" + GraphTarget.RUN + " {runId: $run}) RETURN r.status AS s",
                    Map.of("run", run)).list(r -> r.get("s").asString())).containsExactly("loaded");
        }

        compensate(run);
        assertThat(graphContents()).isEqualTo(graphBefore);
    }

    /**
     * district-001 copies cross-tenant rows that are district-002's own (the school a student came from, with its
     * district, and a guardian who lives in district-002). district-002 loaded next references those rows instead
     * of loading them twice: one row per district code and per person in CERT, district-002's rows in every store
     * pointing at the rows district-001 loaded. While district-002 shares them, district-001's rollback is BLOCKED;
     * district-002 rolls back leaving district-001 as it was, and then district-001 rolls back to CERT as before.
     */
    @Test
    void aSecondDistrictReferencesTheRowsTheFirstAlreadyLoadedForIt() throws Exception {
        String first = "mig-20261123120000-001";
        String second = "mig-20261123120000-002";
        Map<String, Map<TableId, TableProof>> tablesBefore = tables();
        List<String> graphBefore = graphContents();
        load(first, DISTRICT);
        Map<String, Map<TableId, TableProof>> tablesAfterFirst = tables();
        List<String> graphAfterFirst = graphContents();

        Loaded loaded = load(second, "district-002");
        TableCounts districts = loaded.counts().get("ids").stream().filter(c -> c.table().equals("district"))
                .findFirst().orElseThrow();
        // its own district row and district-001's, which a cross-tenant reference pulls up: both already loaded
        assertThat(districts.skipped()).as("district rows district-001 loaded").isEqualTo(2);
        assertThat(districts.inserted()).isZero();
        assertThat(column("ids", "SELECT code FROM public.district GROUP BY code HAVING count(*) > 1")).isEmpty();
        assertThat(column("ids", "SELECT email FROM public.person WHERE email IS NOT NULL GROUP BY email"
                + " HAVING count(*) > 1")).isEmpty();
        Set<String> shared = column("ids", "SELECT table_name FROM ferry.shared_row WHERE run_id = '" + second
                + "' AND owner_run = '" + first + "'");
        assertThat(shared).contains("public.district", "public.school", "public.person");
        // district-002's sessions in hcp1 point at its district row as district-001's run loaded it
        String districtKey = column("ids", "SELECT d.id FROM public.district d WHERE d.code = 'district-002'").iterator()
                .next();
        assertThat(column("ids", "SELECT row_key->>'id' FROM ferry.ledger WHERE run_id = '" + first
                + "' AND table_name = 'public.district'")).contains(districtKey);
        assertThat(column("hcp1", "SELECT DISTINCT row_key->>'district_id' FROM ferry.ledger WHERE run_id = '" + second
                + "' AND table_name = 'public.academic_session'")).containsExactly(districtKey);

        try (Connection c = servers.certPg().connect("ids")) {
            assertThat(new PgCompensation(LoadTimeouts.defaults()).blocked(c, "ids", List.of("public"), first))
                    .anySatisfy(b -> assertThat(b.table()).isEqualTo("public.district"))
                    .allSatisfy(b -> assertThat(b.cause()).isEqualTo(Cause.REFERENCED_FROM_OUTSIDE));
            assertThat(new PgCompensation(LoadTimeouts.defaults()).compensate(c, "ids", List.of("public"), first, false)
                    .outcome()).isEqualTo(Outcome.BLOCKED);
        }
        compensate(second);
        assertThat(tables()).isEqualTo(tablesAfterFirst);
        assertThat(graphContents()).isEqualTo(graphAfterFirst);
        compensate(first);
        assertThat(tables()).isEqualTo(tablesBefore);
        assertThat(graphContents()).isEqualTo(graphBefore);
    }

    /**
     * ADR 4: {@code ids} publishes its key maps once decided and then stays uncommitted while {@code hcp1} (which
     * references it) and {@code hcp2} and {@code adb} (which reference both) load from the published maps and
     * commit; {@code ids} commits last. The published maps were those the commit kept, the commit retired them, and
     * CERT holds exactly what the same district loaded one store after another gives (after the rollback, on the
     * same keys).
     */
    @Test
    void storesLoadBesideTheStoresTheyReferenceOnceTheirKeyMapsAreDecided() throws Exception {
        String district = "district-002";
        // Without the maps an earlier test's run of the district kept, nothing but the published maps can give the
        // referencing stores the keys ids moves.
        for (String store : PG) {
            try (Connection c = servers.certPg().connect(store); Statement st = c.createStatement()) {
                st.execute("DELETE FROM ferry.key_map WHERE district = '" + district + "'");
            }
        }
        Map<String, Map<TableId, TableProof>> tablesBefore = tables();
        String run = "mig-20261123130000-001";
        Map<TableId, StagedTable> staged = stage(run, district);
        RunInfo info = new RunInfo(run, district, spec.specHash(), 1, "load-test");
        Map<String, Map<TableId, Map<String, String>>> published = new ConcurrentHashMap<>();
        CountDownLatch dependentsLoaded = new CountDownLatch(1);
        ExecutorService ids = Executors.newSingleThreadExecutor();
        try {
            Future<List<TableCounts>> idsLoad = ids.submit(() -> loadStore("ids", info, staged, published, () -> {
                try {
                    assertThat(dependentsLoaded.await(3, TimeUnit.MINUTES)).as("hcp1, hcp2 and adb loaded").isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            for (String store : List.of("hcp1", "hcp2", "adb")) {
                loadStore(store, info, staged, published, () -> { });
            }
            assertThat(idsLoad.isDone()).as("ids still loading while the stores referencing it committed").isFalse();
            dependentsLoaded.countDown();
            idsLoad.get(3, TimeUnit.MINUTES);
        } finally {
            dependentsLoaded.countDown();
            ids.shutdownNow();
        }
        Map<String, Map<TableId, TableProof>> tablesSideBySide = tables();
        assertThat(published.get("ids").get(new TableId("ids", "public", "person"))).as("moved person keys").isNotEmpty();
        for (String store : published.keySet()) {
            try (Connection c = servers.certPg().connect(store)) {
                for (Map.Entry<TableId, Map<String, String>> e : published.get(store).entrySet()) {
                    assertThat(RunKeyMap.read(c, district, e.getKey())).as(e.getKey().toString()).isEqualTo(e.getValue());
                }
            }
            assertThat(column(store, "SELECT run_id FROM ferry.decided_map UNION ALL SELECT run_id FROM"
                    + " ferry.decided_key")).as(store).isEmpty();
        }
        compensate(run, false);
        assertThat(tables()).isEqualTo(tablesBefore);

        String sequential = "mig-20261123130000-002";
        load(sequential, district);
        assertThat(tables()).isEqualTo(tablesSideBySide);
        compensate(sequential);
        assertThat(tables()).isEqualTo(tablesBefore);
    }

    /**
     * One store's load as the loader runs it: publishing its decided maps (then running {@code afterPublishing}
     * inside its transaction) and reading the maps of the stores it references once they are decided.
     */
    private static List<TableCounts> loadStore(String store, RunInfo info, Map<TableId, StagedTable> staged,
            Map<String, Map<TableId, Map<String, String>>> published, Runnable afterPublishing) throws Exception {
        List<ForeignMap> foreign = new ArrayList<>();
        for (TableId t : ForeignMap.needed(spec.spec(), store)) {
            try (Connection other = servers.certPg().connect(t.store())) {
                foreign.add(ForeignMap.read(other, List.of("public"), t, KeyMapSource.decided(info.runId(),
                        info.district(), Duration.ofMinutes(2))));
            }
        }
        try (Connection c = servers.certPg().connect(store)) {
            PgStoreLoad load = new PgStoreLoad(LoadTimeouts.defaults(), maps -> {
                try (Connection side = servers.certPg().connect(store)) {
                    DecidedMaps.publish(side, store, info.runId(), maps);
                }
                published.put(store, maps);
                afterPublishing.run();
            });
            return load.load(c, spec.spec(), store, prodIdentities, info, staged, foreign);
        }
    }

    /** What loading one district's run into the five stores gave. */
    private record Loaded(Map<String, List<TableCounts>> counts, Map<String, Map<String, String>> linkMaps,
            Map<TableId, Long> stagedGraph, List<TableCounts> graphCounts) {
    }

    /** Stages {@code district} from PROD (not anonymized) and loads it into the four databases, then the graph. */
    private static Loaded load(String run, String district) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("stage-" + run));
        DistrictStage.stage(servers.prodPg(), spec, district, staging, run, tmp);
        Map<TableId, Long> stagedGraph = GraphStage.stage(servers.prodSp().driver(), spec, district, staging, run, tmp);
        Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches-" + run));
        RunInfo info = new RunInfo(run, district, spec.specHash(), 1, "load-test");
        Map<String, List<TableCounts>> counts = new LinkedHashMap<>();
        for (String store : PG) {
            List<ForeignMap> foreign = new ArrayList<>();
            for (TableId t : ForeignMap.needed(spec.spec(), store)) {
                try (Connection other = servers.certPg().connect(t.store())) {
                    foreign.add(ForeignMap.read(other, List.of("public"), district, t));
                }
            }
            try (Connection c = servers.certPg().connect(store)) {
                counts.put(store, new PgStoreLoad(LoadTimeouts.defaults()).load(c, spec.spec(), store, prodIdentities,
                        info, staged, foreign));
            }
        }
        Map<String, Map<String, String>> linkMaps = GraphLinkMaps.read(spec.spec(), "sp", district,
                store -> servers.certPg().connect(store.name()));
        List<TableCounts> graph = new GraphStoreLoad(LoadTimeouts.defaults()).load(servers.certSp().driver(),
                spec.spec(), "sp", info, staged, linkMaps);
        return new Loaded(counts, linkMaps, stagedGraph, graph);
    }

    /** Stages {@code district}'s PostgreSQL stores from PROD (not anonymized) and fetches the batches. */
    private static Map<TableId, StagedTable> stage(String run, String district) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("stage-" + run));
        DistrictStage.stage(servers.prodPg(), spec, district, staging, run, tmp);
        return RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches-" + run));
    }

    /** Takes the run out of the graph, then of the databases, latest first: each must end COMPENSATED. */
    private static void compensate(String run) throws Exception {
        compensate(run, true);
    }

    private static void compensate(String run, boolean graph) throws Exception {
        if (graph) {
            assertThat(new GraphCompensation(LoadTimeouts.defaults()).compensate(servers.certSp().driver(), "sp", run,
                    false).outcome()).isEqualTo(Outcome.COMPENSATED);
        }
        for (String store : PG.reversed()) {
            try (Connection c = servers.certPg().connect(store)) {
                assertThat(new PgCompensation(LoadTimeouts.defaults()).compensate(c, store, List.of("public"), run, false)
                        .outcome()).as(store).isEqualTo(Outcome.COMPENSATED);
            }
        }
    }

    private static void followsTheKeys(String run, String label, String property, String store, String table,
            Map<String, String> map) throws Exception {
        Set<String> written = column(store, "SELECT row_key->>'id' FROM ferry.ledger WHERE run_id = '" + run + "' AND"
                + " table_name = '" + table + "'");
        List<String> nodes = strings("MATCH (n:" + label + ") WHERE n._ferryRun = '" + run + "' RETURN n." + property
                + " AS v");
        // The map holds the keys it moves; every other key stays as it is, in the graph as in the tables.
        assertThat(map).as("the %s keys the map moves", table).isNotEmpty()
                .allSatisfy((source, cert) -> assertThat(cert).isNotEqualTo(source));
        List<String> followed = nodes.stream().filter(written::contains).toList();
        List<String> graphOnly = nodes.stream().filter(k -> !written.contains(k)).toList();
        assertThat(followed).isNotEmpty();
        assertThat(map.values()).as("a moved %s key in the graph", label).containsAnyElementsOf(followed);
        assertThat(graphOnly).as("graph-only %s nodes", label).hasSizeLessThan(Math.max(2, nodes.size() / 100))
                .allSatisfy(k -> assertThat(map).doesNotContainKey(k));
    }

    private static Map<String, Map<TableId, TableProof>> tables() throws Exception {
        Map<String, Map<TableId, TableProof>> tables = new LinkedHashMap<>();
        for (String store : PG) {
            try (Connection c = servers.certPg().connect(store)) {
                tables.put(store, TableChecksum.ofStore(c, store, List.of("public")));
            }
        }
        return tables;
    }

    private static List<String> graphContents() {
        return GraphContents.of(servers.certSp().driver());
    }

    private static List<String> strings(String cypher) {
        try (Session session = servers.certSp().driver().session()) {
            return session.run(cypher).list(r -> GraphValues.text(r.get("v").asObject()));
        }
    }

    private static Set<String> column(String store, String sql) throws Exception {
        Set<String> values = new TreeSet<>();
        try (Connection c = servers.certPg().connect(store); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
