package io.ferry.cli.estate;

import io.ferry.spec.parse.EstateProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.cli.FerryCli;
import io.ferry.cli.SharedEstate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * {@code estate up}, {@code already up}, a SIGKILLed host, and {@code estate down} leaving nothing behind. The estate
 * is the one the module's other classes shared ({@link SharedEstate}, brought up by {@code estate up} with the
 * defaults and its exit code checked): this class runs last and takes it down.
 */
@Order(Integer.MAX_VALUE)
class EstateLifecycleIT {

    private static final List<String> REQUIRED_KEYS = List.of(
            "prod.ids.url", "prod.ids.user", "prod.ids.password", "prod.hcp1.url", "prod.hcp2.url", "prod.adb.url",
            "prod.sp.url", "cert.ids.url", "cert.ids.user", "cert.ids.password", "cert.hcp1.url", "cert.hcp2.url",
            "cert.adb.url", "cert.sp.url", "kafka.bootstrap.servers", "coordinator.db.url", "coordinator.db.user",
            "coordinator.db.password", "staging.root", "spec", "preset", "seed", "asOf", "pid", "prod.pg.pid",
            "cert.pg.pid", "prod.pg.datadir", "cert.pg.datadir");

    @Test
    void upServesRealStoresAndDownLeavesNothingBehindEvenAfterSigkill() throws Exception {
        Path dir = SharedEstate.release();
        EstateLayout layout = new EstateLayout(dir);
        try {

            EstateProperties props = EstateProperties.read(layout.properties());
            assertThat(props.asMap()).containsKeys(REQUIRED_KEYS.toArray(String[]::new));
            assertThat(props.require("prod.ids.url")).startsWith("jdbc:postgresql://127.0.0.1:");
            assertThat(props.require("prod.sp.url")).startsWith("bolt://127.0.0.1:");
            for (String file : List.of("ferry.yaml", "planted.json", "honeytokens.json")) {
                assertThat(dir.resolve(file)).isNotEmptyFile();
            }
            assertThat(props.require("spec")).isEqualTo(layout.spec().toString());

            // PROD: a real hot standby, reached with the credentials the estate wrote.
            try (Connection c = connect(props, "prod.ids"); Statement s = c.createStatement()) {
                assertThat(scalar(s, "SELECT pg_is_in_recovery()")).isEqualTo("t");
                assertThat(Long.parseLong(scalar(s, "SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema NOT IN ('pg_catalog','information_schema')"))).isPositive();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(props.require("prod.ids.url"),
                    credentials(props.require("prod.ids.user"), "wrong-password")))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            try (Connection c = connect(props, "cert.hcp1"); Statement s = c.createStatement()) {
                assertThat(scalar(s, "SELECT pg_is_in_recovery()")).isEqualTo("f");
            }
            try (Connection c = DriverManager.getConnection(props.require("coordinator.db.url"),
                    credentials(props.require("coordinator.db.user"), props.require("coordinator.db.password")));
                 Statement s = c.createStatement()) {
                assertThat(scalar(s, "SELECT current_database()")).isEqualTo("ferry_coordinator");
            }
            try (Driver neo4j = GraphDatabase.driver(props.require("prod.sp.url"), AuthTokens.none());
                 var session = neo4j.session()) {
                assertThat(session.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong()).isPositive();
            }
            List<Integer> ports = EstateStopper.openPorts(props);
            assertThat(ports).hasSizeGreaterThanOrEqualTo(4);

            // A second 'up' on the live directory changes nothing.
            String stderr = captureStderr(() -> assertThat(
                    FerryCli.execute("estate", "up", "--preset", "small", "--dir", dir.toString())).isZero());
            assertThat(stderr).contains("already up");
            assertThat(EstateProperties.read(layout.properties()).asMap()).isEqualTo(props.asMap());

            // SIGKILL the host: PostgreSQL runs detached and survives it.
            long host = Long.parseLong(props.require("pid"));
            long prodPg = Long.parseLong(props.require("prod.pg.pid"));
            long certPg = Long.parseLong(props.require("cert.pg.pid"));
            ProcessHandle.of(host).orElseThrow().destroyForcibly();
            awaitDead(host);
            assertThat(EstateLauncher.alive(prodPg)).isTrue();

            assertThat(FerryCli.execute("estate", "down", "--dir", dir.toString())).isZero();

            assertThat(EstateLauncher.alive(host)).isFalse();
            assertThat(EstateLauncher.alive(prodPg)).isFalse();
            assertThat(EstateLauncher.alive(certPg)).isFalse();
            assertThat(ports).allSatisfy(port -> assertThat(EstateStopper.isOpen(port)).as("port " + port).isFalse());
            assertThat(dir).doesNotExist();
        } finally {
            FerryCli.execute("estate", "down", "--dir", dir.toString());
        }
    }

    private static Connection connect(EstateProperties props, String prefix) throws SQLException {
        return DriverManager.getConnection(props.require(prefix + ".url"),
                credentials(props.require(prefix + ".user"), props.require(prefix + ".password")));
    }

    private static Properties credentials(String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return p;
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void awaitDead(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (EstateLauncher.alive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(EstateLauncher.alive(pid)).as("host process %d still alive", pid).isFalse();
    }

    private static String captureStderr(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
