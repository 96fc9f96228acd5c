package io.ferry.staging.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Java's and PostgreSQL's sides of the checksum agree on the same rows, values that tempt an encoding to
 * collide included (NULL and the empty string and the letter N, commas, colons, characters outside the BMP),
 * and differ when one value does.
 */
class CanonicalChecksumIT {

    private static final List<String[]> ROWS = List.of(
            new String[] {"1", "Ada", null},
            new String[] {"2", "", "N"},
            new String[] {"3", null, ""},
            new String[] {"4", "a,b", "1:x"},
            new String[] {"5", "emoji \uD83D\uDE00 and é", "line\nbreak\ttab\\"},
            new String[] {"6", "N", null});

    private static PostgresServer server;

    @BeforeAll
    static void start() throws SQLException {
        server = PostgresServer.startTemporary();
        try (Connection c = server.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id int, a text, b text)");
            for (String[] row : ROWS) {
                st.execute("INSERT INTO t VALUES (" + row[0] + ", " + literal(row[1]) + ", " + literal(row[2]) + ")");
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void postgresAndJavaAgreeOnTheSameRowsInAnyOrder() throws SQLException {
        List<String[]> shuffled = new ArrayList<>(ROWS);
        Collections.reverse(shuffled);
        assertThat(java(shuffled)).isEqualTo(postgres("SELECT * FROM t")).isEqualTo(java(ROWS));
        assertThat(java(ROWS).rows()).isEqualTo(6);
    }

    @Test
    void oneChangedValueOrALostRowChangesIt() throws SQLException {
        CanonicalChecksum.Value all = postgres("SELECT * FROM t");
        List<String[]> changed = new ArrayList<>(ROWS);
        changed.set(1, new String[] {"2", null, "N"});
        assertThat(java(changed)).isNotEqualTo(all);
        List<String[]> lost = new ArrayList<>(ROWS);
        lost.remove(3);
        assertThat(postgres("SELECT * FROM t WHERE id <> 4")).isNotEqualTo(all).isEqualTo(java(lost));
    }

    @Test
    void theCanonicalTextIsWhatCopyWritesNotWhatTextCastsTo() throws SQLException {
        try (Connection c = server.connect("postgres"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + CanonicalChecksum.canonicalTextSql("true") + ", "
                        + CanonicalChecksum.canonicalTextSql("'ab'::char(4)") + ", "
                        + CanonicalChecksum.canonicalTextSql("NULL::int") + ", " + CanonicalChecksum.canonicalTextSql("''::text")
                        + ", " + CanonicalChecksum.canonicalTextSql("ARRAY['a b', NULL]"))) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("t");
            assertThat(rs.getString(2)).isEqualTo("ab  ");
            assertThat(rs.getString(3)).isNull();
            assertThat(rs.getString(4)).isEmpty();
            assertThat(rs.getString(5)).isEqualTo("{\"a b\",NULL}");
        }
    }

    @Test
    void theEncodingSeparatesNullEmptyAndLookalikes() {
        assertThat(CanonicalChecksum.encode(new String[] {null, "", "N", "a,b"})).isEqualTo("N,0:,1:N,3:a,b");
        assertThat(CanonicalChecksum.encode(new String[] {"\uD83D\uDE00"})).isEqualTo("1:\uD83D\uDE00");
        assertThat(CanonicalChecksum.encode(new String[] {"a", "b"})).isNotEqualTo(CanonicalChecksum.encode(new String[] {"a,1:b"}));
    }

    private static CanonicalChecksum.Value java(List<String[]> rows) {
        CanonicalChecksum checksum = new CanonicalChecksum();
        rows.forEach(r -> checksum.add(new String[] {r[0], r[1], r[2]}));
        return checksum.value();
    }

    private static CanonicalChecksum.Value postgres(String rows) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + CanonicalChecksum.aggregatesSql(List.of(
                        CanonicalChecksum.canonicalTextSql("r.id"), CanonicalChecksum.canonicalTextSql("r.a"),
                        CanonicalChecksum.canonicalTextSql("r.b")))
                        + " FROM (" + rows + ") r")) {
            rs.next();
            return CanonicalChecksum.fromSql(rs.getLong(1), rs.getBigDecimal(2));
        }
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "E'" + value.replace("\\", "\\\\").replace("'", "''").replace("\n", "\\n")
                .replace("\t", "\\t") + "'";
    }
}
