package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.testkit.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The set-based foreign-key check on a real PostgreSQL: which tables may skip PostgreSQL's row-by-row checks
 * (the replica role must change nothing else), and that the check, run the way a load runs it, finds every
 * written reference, fails on one that finds nothing, and locks the referenced rows until commit.
 */
class SetBasedReferenceCheckIT {

    private static final String DB = "refs";
    private static PostgresServer server;

    @BeforeAll
    static void start() throws SQLException {
        server = PostgresServer.startTemporary();
        server.createDatabase(DB);
        try (Connection c = server.connect(DB); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE parent (id int PRIMARY KEY, a int, b int, UNIQUE (a, b))");
            st.execute("INSERT INTO parent VALUES (1, 10, 100), (2, 20, 200)");
            st.execute("CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent, a int, b int,"
                    + " FOREIGN KEY (a, b) REFERENCES parent (a, b) MATCH FULL)");
            st.execute("CREATE TABLE audited (id int PRIMARY KEY, parent_id int REFERENCES parent)");
            st.execute("CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
            st.execute("CREATE TRIGGER on_insert BEFORE INSERT ON audited FOR EACH ROW EXECUTE FUNCTION stamp()");
            st.execute("CREATE TABLE updated_only (id int PRIMARY KEY, parent_id int REFERENCES parent)");
            st.execute("CREATE TRIGGER on_update BEFORE UPDATE ON updated_only FOR EACH ROW EXECUTE FUNCTION stamp()");
            st.execute("CREATE TABLE disabled (id int PRIMARY KEY)");
            st.execute("CREATE TRIGGER off BEFORE INSERT ON disabled FOR EACH ROW EXECUTE FUNCTION stamp()");
            st.execute("ALTER TABLE disabled DISABLE TRIGGER off");
            st.execute("CREATE TABLE deferred_unique (id int PRIMARY KEY DEFERRABLE)");
            st.execute("CREATE TABLE ruled (id int PRIMARY KEY)");
            st.execute("CREATE RULE log AS ON INSERT TO ruled DO ALSO NOTHING");
            st.execute("CREATE TABLE measured (at date NOT NULL, parent_id int REFERENCES parent) PARTITION BY RANGE (at)");
            st.execute("CREATE TABLE measured_2026 PARTITION OF measured FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
            st.execute("CREATE TABLE partly (at date NOT NULL, parent_id int) PARTITION BY RANGE (at)");
            st.execute("CREATE TABLE partly_2026 PARTITION OF partly (FOREIGN KEY (parent_id) REFERENCES parent)"
                    + " FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
            st.execute("CREATE ROLE reader LOGIN PASSWORD 'reader'");
            st.execute("GRANT SELECT, INSERT ON child TO reader");
            st.execute("GRANT SELECT ON parent TO reader");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void onlyTablesWhereTheReplicaRoleSkipsNothingButForeignKeyChecksQualify() throws SQLException {
        try (Connection c = server.connect(DB)) {
            StoreSchema schema = new PostgresIntrospector().introspect(c, DB, List.of("public"));
            assertThat(qualifies(c, schema, "child")).as("plain foreign keys").isTrue();
            assertThat(qualifies(c, schema, "updated_only")).as("a trigger an insert does not fire").isTrue();
            assertThat(qualifies(c, schema, "disabled")).as("a disabled insert trigger").isTrue();
            assertThat(qualifies(c, schema, "measured")).as("a partitioned table with the parent's key").isTrue();
            assertThat(qualifies(c, schema, "audited")).as("an insert trigger").isFalse();
            assertThat(qualifies(c, schema, "deferred_unique")).as("a deferrable primary key").isFalse();
            assertThat(qualifies(c, schema, "ruled")).as("a rule").isFalse();
            assertThat(qualifies(c, schema, "partly")).as("a key only a partition declares").isFalse();
        }
        try (Connection c = server.connect(DB, "reader", "reader")) {
            StoreSchema schema = new PostgresIntrospector().introspect(c, DB, List.of("public"));
            assertThat(qualifies(c, schema, "child")).as("no right to lock the referenced rows").isFalse();
        }
    }

    @Test
    void writtenReferencesAreFoundAndTheirRowsLockedUntilCommit() throws SQLException {
        try (Connection c = server.connect(DB); Connection other = server.connect(DB)) {
            c.setAutoCommit(false);
            SetBasedReferenceCheck check = check(c, "child");
            insertQuietly(c, check, "child", "(100, 1, 10, 100), (101, 1, NULL, NULL), (102, NULL, 20, 200)");
            check.check(c);
            try (Statement st = other.createStatement()) {
                st.execute("SET lock_timeout = '300ms'");
                assertThatThrownBy(() -> st.execute("DELETE FROM parent WHERE id = 1"))
                        .hasMessageContaining("lock timeout");
                assertThatThrownBy(() -> st.execute("DELETE FROM parent WHERE id = 2"))
                        .hasMessageContaining("lock timeout");
            }
            c.rollback();
        }
    }

    @Test
    void aReferenceThatFindsNothingFailsNamingTheKeyButNoValue() throws SQLException {
        try (Connection c = server.connect(DB)) {
            c.setAutoCommit(false);
            SetBasedReferenceCheck check = check(c, "child");
            insertQuietly(c, check, "child", "(200, 1, NULL, NULL), (201, 7, NULL, NULL), (202, 8, NULL, NULL)");
            assertThatThrownBy(() -> check.check(c)).isInstanceOf(LoadFailedException.class)
                    .hasMessageContaining("2 distinct value(s)").hasMessageContaining("child_parent_id_fkey")
                    .hasMessageContaining("no row of parent").hasMessageNotContaining("7");
            c.rollback();
        }
    }

    @Test
    void matchFullRefusesAKeyWithSomeColumnsNull() throws SQLException {
        try (Connection c = server.connect(DB)) {
            c.setAutoCommit(false);
            SetBasedReferenceCheck check = check(c, "child");
            insertQuietly(c, check, "child", "(300, NULL, 10, NULL)");
            assertThatThrownBy(() -> check.check(c)).isInstanceOf(LoadFailedException.class)
                    .hasMessageContaining("child_a_b_fkey").hasMessageContaining("MATCH FULL");
            c.rollback();
        }
    }

    private static boolean qualifies(Connection c, StoreSchema schema, String table) throws SQLException {
        return SetBasedReferenceCheck.of(c, table(schema, table), 0).isPresent();
    }

    private static Table table(StoreSchema schema, String name) {
        return schema.table(TableId.parse(DB + ".public." + name)).orElseThrow();
    }

    private static SetBasedReferenceCheck check(Connection c, String name) throws SQLException {
        StoreSchema schema = new PostgresIntrospector().introspect(c, DB, List.of("public"));
        Optional<SetBasedReferenceCheck> check = SetBasedReferenceCheck.of(c, table(schema, name), 0);
        assertThat(check).isPresent();
        check.get().prepare(c);
        return check.get();
    }

    /** The way {@link TableLoad} inserts: replica role, references handed to the check by a writable CTE. */
    private static void insertQuietly(Connection c, SetBasedReferenceCheck check, String table, String values)
            throws SQLException {
        List<String> ctes = new ArrayList<>();
        ctes.add("w AS (INSERT INTO " + table + " AS t VALUES " + values + " RETURNING "
                + String.join(", ", check.returning("t")) + ")");
        check.keepCte("k", "w").ifPresent(ctes::add);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL session_replication_role = replica");
            st.execute("WITH " + String.join(", ", ctes) + " SELECT count(*) FROM w");
            st.execute("SET LOCAL session_replication_role = origin");
        }
    }
}
