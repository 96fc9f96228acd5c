package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.ferry.cert.GraphTarget;
import io.ferry.cert.InitTarget;
import io.ferry.cert.PostgresTarget;
import io.ferry.contracts.messages.Finding;
import io.ferry.contracts.messages.LoadRequest;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.VerifyRequest;
import io.ferry.contracts.messages.VerifyResult;
import io.ferry.contracts.messages.VerifyStatus;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.loader.load.LoadTimeouts;
import io.ferry.loader.work.LoadJob;
import io.ferry.loader.work.LoaderSettings;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.DistrictStage;
import io.ferry.service.testing.EstateSpec;
import io.ferry.service.testing.GraphStage;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.validator.verify.VerifyJob;
import io.ferry.validator.work.CertEstate;
import io.ferry.validator.work.ValidationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;

/**
 * A district of the sample estate loaded into CERT's five stores by the loader's own job, then verified
 * by the validator's: {@code VALID} as loaded, {@code INVALID} with the right findings once testers change, delete or
 * re-point loaded rows behind Ferry's back. The tests run in order, each adding one change to CERT.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
class LoadThenVerifyIT {

    /**
     * A district whose closure is whole: district-001 has a planted graph connection to a person its closure does
     * not carry, and the lowest-ranked one planted validation failures; validation stops such runs before a load.
     */
    private static final String DISTRICT = "district-002";
    private static final String RUN = "mig-20261123170000-001";

    @TempDir
    static Path dir;
    private static EstateServers servers;
    private static PostgresServer cert;
    private static LoadedSpec spec;
    private static Staging staging;
    private static int attempt;

    @BeforeAll
    static void loaded() throws Exception {
        servers = new EstateServers(PostgresServer.startTemporary(), PostgresServer.startTemporary(),
                Neo4jServer.startTemporary(), Neo4jServer.startTemporary());
        cert = servers.certPg();
        SampleEstate.generate(servers, new EstateOptions(Preset.SMALL, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
        spec = EstateSpec.write(dir.resolve("spec"), EstateSpec.yamlWithGraph(), EstateSpec.properties("prod",
                servers.prodPg()) + EstateSpec.properties("cert", cert) + "prod.sp.url=" + servers.prodSp().boltUri()
                + "\ncert.sp.url=" + servers.certSp().boltUri() + "\n");
        staging = new FileSystemStaging(dir.resolve("staging"));
        for (String store : SampleEstate.PG_DATABASES) {
            try (Connection c = cert.connect(store)) {
                PostgresTarget.prepare(store, c, cert.jdbcUrl(store), PostgresServer.SUPERUSER, "unused",
                        PostgresServer.SUPERUSER);
            }
        }
        GraphTarget.prepare("sp", servers.certSp().driver(), InitTarget.mergeKeys(spec.spec(), "sp"),
                List.of(GraphTarget.storeId(servers.prodSp().driver())));
        Path stage = Files.createDirectories(dir.resolve("stage"));
        DistrictStage.stage(servers.prodPg(), spec, DISTRICT, staging, RUN, stage);
        GraphStage.stage(servers.prodSp().driver(), spec, DISTRICT, staging, RUN, stage);
        Map<String, String> fingerprints = CertEstate.introspect(spec.spec(), spec.resolver()).fingerprints();
        LoadJob load = new LoadJob(staging, new LoaderSettings(dir.resolve("load-work"), LoadTimeouts.defaults()));
        for (String store : List.of("ids", "hcp1", "hcp2", "adb", "sp")) {
            LoadResult result = load.load(new LoadRequest(RUN, DISTRICT, spec.specHash(), 1, store,
                    fingerprints.get(store), null), spec);
            assertThat(result.failure()).as("load of %s", store).isNull();
        }
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void aRunAsLoadedIsValid() {
        VerifyResult result = verify();

        assertThat(result.findings()).isEmpty();
        assertThat(result.status()).isEqualTo(VerifyStatus.VALID);
    }

    @Test
    @Order(2)
    void aLoadedRowChangedBehindFerrysBackMakesTheRunInvalidNamingTableAndColumn() throws Exception {
        String key = ledgerRow("ids", "public.person").get("id");
        try (Connection c = cert.connect("ids"); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE public.person SET first_name = first_name || 'x' WHERE id = " + key))
                    .isEqualTo(1);
        }

        VerifyResult result = verify();

        assertThat(result.status()).isEqualTo(VerifyStatus.INVALID);
        assertThat(result.findings()).extracting(Finding::check, Finding::store, Finding::table, Finding::column,
                Finding::count).containsExactlyInAnyOrder(
                        tuple("verify.changed", "ids", "public.person", null, 1L),
                        tuple("verify.values", "ids", "public.person", "first_name", 1L));
        assertThat(result.findings().get(0).examples()).singleElement().asString().contains("\"id\": \"" + key + "\"");
    }

    @Test
    @Order(3)
    void aLoadedRowDeletedAndAReferencePointedAwayAreFound() throws Exception {
        String event = ledgerRow("adb", "public.event").get("id");
        String section = ledgerRow("hcp1", "public.section").get("id");
        try (Connection c = cert.connect("adb"); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("DELETE FROM public.event WHERE id = " + event)).isEqualTo(1);
        }
        try (Connection c = cert.connect("hcp1"); Statement st = c.createStatement()) {
            // hcp1's sections point at ids' schools through a spec link: no foreign key stops this.
            assertThat(st.executeUpdate("UPDATE public.section SET school_id = -42 WHERE id = " + section)).isEqualTo(1);
        }

        VerifyResult result = verify();

        assertThat(result.status()).isEqualTo(VerifyStatus.INVALID);
        assertThat(result.findings()).extracting(Finding::check, Finding::store, Finding::table, Finding::count)
                .contains(tuple("verify.missing", "adb", "public.event", 1L),
                        tuple("verify.changed", "hcp1", "public.section", 1L),
                        tuple("verify.references", "hcp1", "public.section", 1L));
    }

    @Test
    @Order(4)
    void aNodeChangedAndARelationshipDeletedInTheGraphAreFound() {
        try (Session session = servers.certSp().driver().session()) {
            assertThat(session.run("MATCH (p:Person) WHERE p._ferryRun = $run WITH p ORDER BY p.personId LIMIT 1"
                    + " SET p.nickname = 'changed' RETURN count(p) AS n", Map.of("run", RUN)).single().get("n").asLong())
                    .isEqualTo(1);
            assertThat(session.run("MATCH ()-[x]->() WHERE x._ferryRun = $run WITH x, type(x) AS t ORDER BY t, elementId(x)"
                    + " LIMIT 1 DELETE x RETURN t", Map.of("run", RUN)).single().get("t").asString()).isNotBlank();
        }

        VerifyResult result = verify();

        assertThat(result.findings()).filteredOn(f -> f.store().equals("sp")).extracting(Finding::check,
                Finding::table, Finding::count).hasSize(2).contains(tuple("verify.changed", "label.\"Person\"", 1L))
                .anySatisfy(t -> assertThat(t.toList()).startsWith("verify.missing"));
    }

    private static VerifyResult verify() {
        VerifyJob job = new VerifyJob(staging, new ValidationSettings(dir.resolve("verify-work"), 5, 1, "256MB",
                Duration.ofMinutes(2)));
        return job.verify(new VerifyRequest(RUN, spec.specHash(), ++attempt), spec);
    }

    /** The CERT key ({@code row_key}, column to text) of one row the run inserted into the table. */
    private static Map<String, String> ledgerRow(String store, String table) throws Exception {
        Map<String, String> key = new java.util.LinkedHashMap<>();
        try (Connection c = cert.connect(store); PreparedStatement st = c.prepareStatement("SELECT k.key, k.value FROM"
                + " (SELECT row_key FROM ferry.ledger WHERE run_id = ? AND table_name = ? AND action = 'insert'"
                + " ORDER BY row_key::text LIMIT 1) l, jsonb_each_text(l.row_key) k")) {
            st.setString(1, RUN);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    key.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        assertThat(key).as("a ledger row of %s.%s", store, table).isNotEmpty();
        return key;
    }
}
