package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cert.DatabaseIdentity;
import io.ferry.cert.GraphTarget;
import io.ferry.cert.InitTarget;
import io.ferry.cert.PostgresTarget;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.loader.load.PgCompensation.Outcome;
import io.ferry.schema.model.TableId;
import io.ferry.schema.neo4j.GraphValues;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.service.testing.DistrictStage;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.EstateSpec;
import io.ferry.service.testing.GraphStage;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        servers = new EstateServers(PostgresServer.startTemporary(), PostgresServer.startTemporary(),
                Neo4jServer.startTemporary(), Neo4jServer.startTemporary());
        SampleEstate.generate(servers, new EstateOptions(Preset.SMALL, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
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
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void aDistrictLoadsIntoAllFiveStoresAndTheGraphFollowsTheRemappedKeys() throws Exception {
        String run = "mig-20261123110000-001";
        Path tmp = Files.createDirectories(dir.resolve("stage"));
        DistrictStage.stage(servers.prodPg(), spec, DISTRICT, staging, run, tmp);
        Map<TableId, Long> stagedGraph = GraphStage.stage(servers.prodSp().driver(), spec, DISTRICT, staging, run, tmp);
        Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches"));
        Map<String, Map<TableId, TableProof>> tablesBefore = tables();
        List<String> graphBefore = graphContents();

        for (String store : PG) {
            List<ForeignMap> foreign = new ArrayList<>();
            for (TableId t : ForeignMap.needed(spec.spec(), store)) {
                try (Connection other = servers.certPg().connect(t.store())) {
                    foreign.add(ForeignMap.read(other, List.of("public"), DISTRICT, t));
                }
            }
            try (Connection c = servers.certPg().connect(store)) {
                new PgStoreLoad(LoadTimeouts.defaults()).load(c, spec.spec(), store, prodIdentities,
                        new RunInfo(run, DISTRICT, spec.specHash(), 1, "load-test"), staged, foreign);
            }
        }
        Map<String, Map<String, String>> linkMaps = GraphLinkMaps.read(spec.spec(), "sp", DISTRICT,
                store -> servers.certPg().connect(store.name()));
        assertThat(linkMaps.get("Person.personId").entrySet()).anySatisfy(e -> assertThat(e.getValue())
                .isNotEqualTo(e.getKey()));
        List<TableCounts> counts = new GraphStoreLoad(LoadTimeouts.defaults()).load(servers.certSp().driver(),
                spec.spec(), "sp", new RunInfo(run, DISTRICT, spec.specHash(), 1, "load-test"), staged, linkMaps);

        for (TableCounts t : counts) {
            TableId id = new TableId("sp", t.schema(), t.table());
            assertThat(t.inserted() + t.updated()).as(id.toString()).isEqualTo(stagedGraph.get(id));
        }
        // Every person and class node the run wrote into the graph carries the CERT key its PostgreSQL row got,
        // moved keys included. The graph also copies a few nodes whose rows the district's closure does not hold
        // (validation reports them as cross-store errors): those keep their PROD key, which the map does not know.
        followsTheKeys(run, "Person", "personId", "ids", "public.person", linkMaps.get("Person.personId"));
        followsTheKeys(run, "Class", "sectionId", "hcp1", "public.section", linkMaps.get("Class.sectionId"));

        assertThat(new GraphCompensation(LoadTimeouts.defaults()).compensate(servers.certSp().driver(), "sp", run, false)
                .outcome()).isEqualTo(Outcome.COMPENSATED);
        for (String store : PG.reversed()) {
            try (Connection c = servers.certPg().connect(store)) {
                assertThat(new PgCompensation(LoadTimeouts.defaults()).compensate(c, store, List.of("public"), run, false)
                        .outcome()).isEqualTo(Outcome.COMPENSATED);
            }
        }
        assertThat(graphContents()).isEqualTo(graphBefore);
        assertThat(tables()).isEqualTo(tablesBefore);
    }

    private static void followsTheKeys(String run, String label, String property, String store, String table,
            Map<String, String> map) throws Exception {
        Set<String> written = column(store, "SELECT row_key->>'id' FROM ferry.ledger WHERE run_id = '" + run + "' AND"
                + " table_name = '" + table + "'");
        List<String> nodes = strings("MATCH (n:" + label + ") WHERE n._ferryRun = '" + run + "' RETURN n." + property
                + " AS v");
        Set<String> mapped = new TreeSet<>(map.values());
        List<String> followed = nodes.stream().filter(mapped::contains).toList();
        List<String> graphOnly = nodes.stream().filter(k -> !mapped.contains(k)).toList();
        assertThat(followed).isNotEmpty();
        assertThat(written).containsAll(followed);
        assertThat(map.entrySet()).as("a moved %s key in the graph", label)
                .anySatisfy(e -> assertThat(e.getValue()).isNotEqualTo(e.getKey()).isIn(followed));
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
