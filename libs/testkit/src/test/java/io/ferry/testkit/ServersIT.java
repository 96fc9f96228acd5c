package io.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

class ServersIT {

    /**
     * The PostgreSQL binaries run from the user's Ferry cache, not from a copy unpacked under {@code java.io.tmpdir}
     * (each build module and each estate has its own: unpacking cost about 2.5 s at the first start in each).
     */
    @Test
    void postgresRunsFromBinariesUnpackedOncePerUser() throws Exception {
        Path cache = UserCache.directory("embedded-pg").orElseThrow();
        try (PostgresServer pg = PostgresServer.startTemporary()) {
            String postmaster = ProcessHandle.of(pg.pid()).orElseThrow().info().command().orElseThrow();
            assertThat(Path.of(postmaster)).startsWith(cache);
            // zonky's mark of a finished unpacking, which the next process finds
            assertThat(cache.resolve(cache.relativize(Path.of(postmaster)).getName(0)).resolve(".exists")).exists();
        }
    }

    @Test
    void postgresRestartsAsARealHotStandbyOnTheSamePort() throws Exception {
        try (PostgresServer pg = PostgresServer.startTemporary()) {
            pg.createDatabase("ids");
            try (Connection c = pg.connect("ids"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t(id int primary key)");
                s.execute("INSERT INTO t VALUES (1), (2)");
            }
            int port = pg.port();
            long pidBefore = pg.pid();

            pg.restartAsStandby();

            assertThat(pg.port()).isEqualTo(port);
            assertThat(pg.pid()).isNotEqualTo(pidBefore);
            try (Connection c = pg.connect("ids"); Statement s = c.createStatement()) {
                assertThat(scalar(s, "SELECT pg_is_in_recovery()")).isEqualTo("t");
                assertThat(scalar(s, "SELECT count(*) FROM t")).isEqualTo("2");
                assertThatThrownBy(() -> s.execute("CREATE TEMP TABLE x(i int)"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("read-only");
            }
        }
    }

    @Test
    void neo4jAnswersCypherOverBoltOnLoopback() {
        try (Neo4jServer neo4j = Neo4jServer.startTemporary()) {
            assertThat(neo4j.boltUri().toString()).startsWith("bolt://127.0.0.1:");
            try (Session session = neo4j.driver().session()) {
                session.run("CREATE (:Person {id: 1})-[:KNOWS]->(:Person {id: 2})").consume();
                long count = session.run("MATCH (p:Person) RETURN count(p) AS n").single().get("n").asLong();
                assertThat(count).isEqualTo(2);
            }
        }
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
