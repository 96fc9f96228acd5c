package io.ferry.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.Secret;
import io.ferry.spec.parse.SpecParser;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init-target} on real servers: a PROD and a CERT PostgreSQL with one small database each, and a
 * CERT role that is not a superuser (the loader's). Preparing twice gives the same schema and one marker;
 * the loader's role gets its privileges only through an admin; a CERT URL that reaches PROD's database,
 * and a CERT server in recovery, are refused before anything is written.
 */
class InitTargetIT {

    private static final String LOADER = "ferry_loader";

    @TempDir
    static Path dir;
    private static PostgresServer prod;
    private static PostgresServer cert;

    @BeforeAll
    static void servers() throws Exception {
        prod = PostgresServer.startTemporary();
        cert = PostgresServer.startTemporary();
        for (PostgresServer server : List.of(prod, cert)) {
            server.createDatabase("app");
            try (Connection c = server.connect("app"); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE district (id integer PRIMARY KEY, code text NOT NULL UNIQUE)");
                st.execute("CREATE ROLE " + LOADER + " LOGIN PASSWORD 'loader-secret'");
                st.execute("GRANT CREATE, CONNECT ON DATABASE app TO " + LOADER);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (prod != null) {
            prod.close();
        }
        if (cert != null) {
            cert.close();
        }
    }

    /** A one-store spec whose CERT connection logs in as the loader's role. */
    private static Spec spec(String name, String certUrl) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("ferry.yaml"), """
                version: 1
                stores:
                  app:
                    kind: postgres
                    prod: {url: "%s", user: postgres, password: "${prod.password}"}
                    cert: {url: "%s", user: %s, password: "${cert.password}"}
                tenant: {store: app, table: public.district, key: [code]}
                """.formatted(prod.jdbcUrl("app"), certUrl, LOADER));
        Files.writeString(folder.resolve("estate.properties"), "prod.password=unused\ncert.password=loader-secret\n");
        return new SpecParser(Resolver.forFolder(folder, Map.of()), Set.of(SpecParser.Environment.values()))
                .read(folder.resolve("ferry.yaml"));
    }

    private static Resolver resolver(String name) {
        return Resolver.forFolder(dir.resolve(name), Map.of());
    }

    private static final InitTarget.Admin ADMIN = new InitTarget.Admin(PostgresServer.SUPERUSER, Secret.of("unused"));

    @Test
    void anAdminPreparesTheStoreOnceAndTheLoadersRoleGetsWhatItNeeds() throws Exception {
        Spec spec = spec("ok", cert.jdbcUrl("app"));
        try (Connection c = cert.connect("app")) {
            assertThat(PostgresTarget.marker(c)).isEmpty();
        }

        List<InitTarget.StoreReport> first = InitTarget.run(spec, resolver("ok"), ADMIN);
        List<InitTarget.StoreReport> again = InitTarget.run(spec, resolver("ok"), ADMIN);

        assertThat(first).singleElement().satisfies(r -> assertThat(r.detail()).startsWith("ferry schema at version 6,"));
        assertThat(again).isEqualTo(first);
        try (Connection c = cert.connect("app"); Statement st = c.createStatement()) {
            assertThat(PostgresTarget.marker(c)).contains("app");
            assertThat(strings(st, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'ferry'"
                    + " ORDER BY 1")).containsExactly("decided_key", "decided_map", "environment", "flyway_schema_history",
                    "forced_image", "key_map", "ledger", "prod_identity", "run", "run_count", "run_proof", "shared_row");
            assertThat(strings(st, "SELECT count(*) FROM ferry.environment")).containsExactly("1");
            assertThat(PostgresTarget.mayDisableTriggers(c, LOADER)).isTrue();
            assertThat(strings(st, "SELECT store || ' ' || database FROM ferry.prod_identity")).containsExactly("app app");
        }
        // The loader holds no PROD credentials: it refuses PROD by the identities init-target remembered.
        try (Connection certSession = cert.connect("app"); Connection prodSession = prod.connect("app")) {
            List<DatabaseIdentity> remembered = PostgresTarget.rememberedProd(certSession);
            assertThat(remembered).containsExactly(DatabaseIdentity.of(prodSession));
            assertThatThrownBy(() -> PostgresTarget.guard("app", prodSession, remembered))
                    .isInstanceOf(TargetRefusedException.class).hasMessageContaining("same cluster as a prod connection");
        }
        // The loader's own session may write the ledger and suppress triggers.
        try (Connection c = cert.connect("app", LOADER, "loader-secret"); Statement st = c.createStatement()) {
            st.execute("SET session_replication_role = replica");
            st.execute("INSERT INTO ferry.run (run_id, district, spec_hash, key_version, status)"
                    + " VALUES ('mig-20261121000000-001', 'd1', 'h', 1, 'loading')");
            assertThat(strings(st, "SELECT status FROM ferry.run")).containsExactly("loading");
            st.execute("INSERT INTO ferry.shared_row (run_id, district, table_name, row_key, owner_run)"
                    + " VALUES ('mig-20261121000000-001', 'd1', 'public.t', '{\"id\": \"1\"}', 'mig-20261120000000-001')");
            assertThat(strings(st, "SELECT owner_run FROM ferry.shared_row")).containsExactly("mig-20261120000000-001");
            st.execute("DELETE FROM ferry.shared_row");
            st.execute("INSERT INTO ferry.decided_map (run_id, state) VALUES ('mig-20261121000000-001', 'decided')");
            st.execute("INSERT INTO ferry.decided_key (run_id, table_name, source_key, cert_key)"
                    + " VALUES ('mig-20261121000000-001', 'public.t', '1', '101')");
            assertThat(strings(st, "SELECT cert_key FROM ferry.decided_key")).containsExactly("101");
            st.execute("DELETE FROM ferry.decided_key");
            st.execute("DELETE FROM ferry.decided_map");
            st.execute("DELETE FROM ferry.run");
        }
        try (Connection c = prod.connect("app")) {
            assertThat(PostgresTarget.marker(c)).as("PROD untouched").isEmpty();
        }
    }

    @Test
    void withoutAnAdminTheLoadersRoleCannotGrantItselfAndIsToldTheStatement() throws Exception {
        PostgresServer other = PostgresServer.startTemporary();
        try {
            other.createDatabase("app");
            try (Connection c = other.connect("app"); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE " + LOADER + " LOGIN PASSWORD 'loader-secret'");
                st.execute("GRANT CREATE, CONNECT ON DATABASE app TO " + LOADER);
            }
            Spec spec = spec("no-admin", other.jdbcUrl("app"));

            assertThatThrownBy(() -> InitTarget.run(spec, resolver("no-admin"), null))
                    .isInstanceOf(TargetRefusedException.class)
                    .hasMessageContaining("store app (cert)")
                    .hasMessageContaining("GRANT SET ON PARAMETER session_replication_role TO \"" + LOADER + "\"")
                    .hasMessageNotContaining("loader-secret");
        } finally {
            other.close();
        }
    }

    @Test
    void aCertUrlThatReachesProdsDatabaseIsRefusedAndProdIsNotWritten() throws Exception {
        Spec spec = spec("prod-as-cert", prod.jdbcUrl("app").replace("127.0.0.1", "localhost"));

        assertThatThrownBy(() -> InitTarget.run(spec, resolver("prod-as-cert"), ADMIN))
                .isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("same cluster as a prod connection");
        try (Connection c = prod.connect("app"); Statement st = c.createStatement()) {
            assertThat(strings(st, "SELECT count(*) FROM pg_namespace WHERE nspname = 'ferry'")).containsExactly("0");
        }
    }

    @Test
    void aCertServerInRecoveryIsRefused() throws Exception {
        PostgresServer standby = PostgresServer.startTemporary();
        try {
            standby.createDatabase("app");
            standby.restartAsStandby();
            Spec spec = spec("standby", standby.jdbcUrl("app"));

            assertThatThrownBy(() -> InitTarget.run(spec, resolver("standby"), ADMIN))
                    .isInstanceOf(TargetRefusedException.class)
                    .hasMessageContaining("is a standby in recovery");
        } finally {
            standby.close();
        }
    }

    @Test
    void aGraphIsMarkedWithItsMergeKeysAndRefusedWhenItIsProds() {
        try (Neo4jServer graph = Neo4jServer.startTemporary()) {
            assertThat(GraphTarget.marker(graph.driver())).isEmpty();
            GraphTarget.prepare("sp", graph.driver(), Map.of("Person", "personId"), List.of("prod-graph-id"));
            GraphTarget.prepare("sp", graph.driver(), Map.of("Person", "personId"), List.of("prod-graph-id"));

            assertThat(GraphTarget.marker(graph.driver())).contains("sp");
            try (var session = graph.driver().session()) {
                assertThat(session.run("MATCH (m:FerryEnvironment) RETURN count(m) AS n").single().get("n").asLong())
                        .isEqualTo(1);
                assertThat(session.run("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names").single()
                        .get("names").asList(v -> v.asString()))
                        .contains("ferry_environment", "ferry_run", "ferry_key_Person_personId");
            }
            // The loader holds no PROD credentials: it refuses PROD's graphs by the ids kept on the marker.
            assertThat(GraphTarget.rememberedProd(graph.driver())).containsExactly("prod-graph-id");
            String id = GraphTarget.storeId(graph.driver());
            assertThatThrownBy(() -> GraphTarget.guard("sp", graph.driver(), List.of(id)))
                    .isInstanceOf(TargetRefusedException.class).hasMessageContaining("same Neo4j database as a prod");
        }
    }

    /**
     * Loads of two districts may index the same labels and types at once: each index is made once, comes online,
     * and serves the take-out's lookups of a run's stamp (an index seek, not a scan of the label). A later load adds
     * the indexes it lacks.
     */
    @Test
    void runStampIndexesAreMadeOnceWhenLoadsAskAtOnceAndServeTheStampLookup() throws Exception {
        try (Neo4jServer graph = Neo4jServer.startTemporary()) {
            try (var session = graph.driver().session()) {
                session.run("UNWIND range(1, 1000) AS i CREATE (:Person {personId: i})-[:`IN CLASS`]->(:`Odd``Label`)")
                        .consume();
            }
            List<String> labels = List.of("Person", "Odd`Label");
            List<String> types = List.of("IN CLASS");
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> loads = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    loads.add(pool.submit(() -> GraphTarget.indexRunStamps(graph.driver(), labels, types)));
                }
                for (var load : loads) {
                    load.get();
                }
            } finally {
                pool.shutdown();
            }
            // A later load with one more label adds only that label's index.
            GraphTarget.indexRunStamps(graph.driver(), List.of("Person", "School"), types);
            try (var session = graph.driver().session()) {
                assertThat(session.run("SHOW INDEXES YIELD name, state, labelsOrTypes, properties WHERE name STARTS WITH"
                        + " 'ferry_run_' RETURN name + ' ' + state + ' ' + labelsOrTypes[0] + '.' + properties[0] AS v")
                        .list(r -> r.get("v").asString())).containsExactlyInAnyOrder(
                        "ferry_run_label_Person ONLINE Person._ferryRun",
                        "ferry_run_label_Odd`Label ONLINE Odd`Label._ferryRun",
                        "ferry_run_label_School ONLINE School._ferryRun",
                        "ferry_run_type_IN CLASS ONLINE IN CLASS._ferryRun");
                String plan = session.run("EXPLAIN MATCH (n:Person) WHERE n._ferryRun = $run RETURN n",
                        Map.of("run", "mig-1")).consume().plan().toString();
                assertThat(plan).contains("NodeIndexSeek").doesNotContain("NodeByLabelScan");
            }
        }
    }

    private static List<String> strings(Statement st, String sql) throws Exception {
        List<String> values = new java.util.ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
