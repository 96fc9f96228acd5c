package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.TableId;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule tests' estate in real PostgreSQL, restarted as a hot standby: the JDBC source gives the same
 * closure as the in-memory one, the keys files match hand-written SQL, and nothing is written.
 */
class JdbcClosureIT {

    @Test
    void closureOnAHotStandbyMatchesTheRulesAndHandWrittenSql(@TempDir Path keys) throws Exception {
        MemoryEstate memory = ClosureRulesTest.districts();
        EstateSchema schema = memory.schema();
        try (PostgresServer pg = PostgresServer.startTemporary()) {
            pg.createDatabase("ids");
            try (Connection c = pg.connect("ids"); Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE district (id bigint PRIMARY KEY, code text NOT NULL UNIQUE);
                        CREATE TABLE school (id bigint PRIMARY KEY, district_id bigint, parent_school_id bigint, principal_id bigint);
                        CREATE TABLE person (id bigint PRIMARY KEY, district_id bigint, school_id bigint, previous_school_id bigint);
                        CREATE TABLE guardian_link (guardian_id bigint, student_id bigint, PRIMARY KEY (guardian_id, student_id));
                        INSERT INTO district VALUES (1, 'd1'), (2, 'd2');
                        INSERT INTO school VALUES (10, 1, NULL, 100), (11, 1, 10, NULL), (20, 2, NULL, 200);
                        INSERT INTO person VALUES (100, 1, 10, NULL), (101, 1, 11, 20), (200, 2, 20, NULL), (201, 2, 20, NULL), (202, 2, 20, NULL);
                        INSERT INTO guardian_link VALUES (201, 101), (202, 200);
                        """);
            }
            pg.restartAsStandby();
            ClosureRules rules = ClosureRulesTest.rules("d1");
            Plan expected = ClosurePlanner.plan(schema, rules, memory.sources());
            try (JdbcRowSource ids = JdbcRowSource.openSnapshot(pg.connect("ids"), schema.store("ids").orElseThrow());
                    Closure closure = new ClosurePlanner(1).close(schema, rules, Map.of("ids", ids))) {
                assertThat(closure.plan()).isEqualTo(expected);
                KeysWriter.write(closure, keys);
            }
            List<String> sql = new ArrayList<>();
            try (Connection c = pg.connect("ids"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(Files.readString(Path.of("src/test/resources/closure/mini/ids.public.person.sql"),
                            StandardCharsets.UTF_8))) {
                assertThat(c.createStatement().executeQuery("SELECT pg_is_in_recovery()")).satisfies(r -> {
                    r.next();
                    assertThat(r.getBoolean(1)).isTrue();
                });
                while (rs.next()) {
                    sql.add(rs.getString(1));
                }
            }
            assertThat(KeysWriter.lines(KeysWriter.file(keys, TableId.parse("ids.public.person")))).isEqualTo(sql);
            assertThat(KeysWriter.lines(KeysWriter.file(keys, TableId.parse("ids.public.guardian_link"))))
                    .containsExactly("201,101");
        }
    }
}
