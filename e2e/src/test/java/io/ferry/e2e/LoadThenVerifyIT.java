package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.ferry.contracts.messages.Finding;
import io.ferry.contracts.messages.VerifyRequest;
import io.ferry.contracts.messages.VerifyResult;
import io.ferry.contracts.messages.VerifyStatus;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.SpecHash;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.EstateProperties;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.validator.verify.VerifyJob;
import io.ferry.validator.work.ValidationSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * The shared demo's loaded run of district-001 (five stores, loaded by the loader service), verified by the
 * validator's verify job: {@code VALID} as loaded, {@code INVALID} with the right findings once testers change, delete or
 * re-point loaded rows behind Ferry's back. The tests run in order, each adding one change to CERT; the class runs
 * after every other that uses the demo (only {@link DemoToTheEndIT} comes later), so no one else meets the changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE - 1)
class LoadThenVerifyIT {

    @TempDir
    static Path dir;
    private static EstateProperties estate;
    private static LoadedSpec spec;
    private static Staging staging;
    private static String run;
    private static int attempt;

    @BeforeAll
    static void loaded() throws Exception {
        SharedDemo shared = SharedDemo.get();
        run = shared.loaded("district-001");
        Path estateDir = shared.dir.resolve("estate");
        estate = EstateProperties.read(estateDir.resolve("estate.properties"));
        // The spec as the services read it: ferry.yaml with the estate's properties beside it (CERT's credentials).
        Spec parsed = SpecParser.parse(estateDir.resolve("ferry.yaml"));
        spec = new LoadedSpec(SpecHash.of(parsed), parsed, Resolver.forFolder(estateDir));
        staging = new FileSystemStaging(Path.of(estate.require("staging.root")));
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
        try (Connection c = cert("ids"); Statement st = c.createStatement()) {
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
        try (Connection c = cert("adb"); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("DELETE FROM public.event WHERE id = " + event)).isEqualTo(1);
        }
        try (Connection c = cert("hcp1"); Statement st = c.createStatement()) {
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
        try (Driver driver = GraphDatabase.driver(estate.require("cert.sp.url"), AuthTokens.none());
                Session session = driver.session()) {
            assertThat(session.run("MATCH (p:Person) WHERE p._ferryRun = $run WITH p ORDER BY p.personId LIMIT 1"
                    + " SET p.nickname = 'changed' RETURN count(p) AS n", Map.of("run", run)).single().get("n").asLong())
                    .isEqualTo(1);
            assertThat(session.run("MATCH ()-[x]->() WHERE x._ferryRun = $run WITH x, type(x) AS t ORDER BY t, elementId(x)"
                    + " LIMIT 1 DELETE x RETURN t", Map.of("run", run)).single().get("t").asString()).isNotBlank();
        }

        VerifyResult result = verify();

        assertThat(result.findings()).filteredOn(f -> f.store().equals("sp")).extracting(Finding::check,
                Finding::table, Finding::count).hasSize(2).contains(tuple("verify.changed", "label.\"Person\"", 1L))
                .anySatisfy(t -> assertThat(t.toList()).startsWith("verify.missing"));
    }

    private static VerifyResult verify() {
        VerifyJob job = new VerifyJob(staging, new ValidationSettings(dir.resolve("verify-work"), 5, 1, "256MB",
                Duration.ofMinutes(2)));
        return job.verify(new VerifyRequest(run, spec.specHash(), ++attempt), spec);
    }

    /** CERT's PostgreSQL store as its superuser (the estate's CERT trusts local connections). */
    private static Connection cert(String store) throws SQLException {
        return DriverManager.getConnection(estate.require("cert." + store + ".url"), "postgres", "");
    }

    /** The CERT key ({@code row_key}, column to text) of one row the run inserted into the table. */
    private static Map<String, String> ledgerRow(String store, String table) throws Exception {
        Map<String, String> key = new java.util.LinkedHashMap<>();
        try (Connection c = cert(store); PreparedStatement st = c.prepareStatement("SELECT k.key, k.value FROM"
                + " (SELECT row_key FROM ferry.ledger WHERE run_id = ? AND table_name = ? AND action = 'insert'"
                + " ORDER BY row_key::text LIMIT 1) l, jsonb_each_text(l.row_key) k")) {
            st.setString(1, run);
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
