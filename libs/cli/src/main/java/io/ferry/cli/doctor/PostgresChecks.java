package io.ferry.cli.doctor;

import io.ferry.cert.DatabaseIdentity;
import io.ferry.cert.PostgresTarget;
import io.ferry.cert.TargetRefusedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL side of {@code ferry doctor}, on open sessions: PROD readable and read-only (a hot standby, or a role
 * that cannot write), with standby settings that let long snapshots finish; CERT a prepared primary that is not PROD.
 */
final class PostgresChecks {

    private PostgresChecks() {
    }

    static List<Check> prod(String store, List<String> schemas, Connection c) throws SQLException {
        String subject = "prod " + store;
        List<Check> out = new ArrayList<>();
        String user = one(c, "SELECT current_user");
        long unreadable = count(c, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
                + " AND (NOT has_table_privilege(c.oid, 'SELECT') OR NOT has_schema_privilege(n.oid, 'USAGE'))", schemas);
        out.add(unreadable == 0 ? Check.ok(subject, "connected as " + user + "; every table of " + schemas + " readable")
                : Check.fail(subject, user + " may not read " + unreadable + " table(s) of " + schemas
                        + "; grant USAGE on the schemas and SELECT, e.g. GRANT pg_read_all_data TO " + user));
        if (one(c, "SELECT pg_is_in_recovery()::text").equals("true")) {
            out.add(Check.ok(subject, "a hot standby: read-only by recovery"));
            String feedback = one(c, "SELECT current_setting('hot_standby_feedback')");
            String delay = one(c, "SELECT current_setting('max_standby_streaming_delay')");
            boolean waits = delay.equals("-1") || seconds(c, "max_standby_streaming_delay") >= 600;
            out.add(feedback.equals("on") || waits
                    ? Check.ok(subject, "standby settings keep long snapshots: hot_standby_feedback=" + feedback
                            + ", max_standby_streaming_delay=" + delay)
                    : Check.warn(subject, "recovery may cancel a long extraction (hot_standby_feedback=off,"
                            + " max_standby_streaming_delay=" + delay + "): Ferry retries, but set hot_standby_feedback=on"
                            + " or raise max_standby_streaming_delay on the standby"));
        } else {
            long writable = count(c, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p') AND (has_table_privilege(c.oid, 'INSERT')"
                    + " OR has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE')"
                    + " OR has_table_privilege(c.oid, 'TRUNCATE'))", schemas);
            out.add(writable == 0 ? Check.ok(subject, "a primary, and " + user + " can write none of its tables")
                    : Check.fail(subject, "a writable primary: " + user + " may change " + writable + " table(s); connect"
                            + " PROD as a read-only role (SELECT only) or to a hot standby"));
        }
        return out;
    }

    static List<Check> cert(String store, Connection c, List<DatabaseIdentity> prod, String loaderRole)
            throws SQLException {
        String subject = "cert " + store;
        List<Check> out = new ArrayList<>();
        try {
            PostgresTarget.guard(store, c, prod);
        } catch (TargetRefusedException e) {
            out.add(Check.fail(subject, e.getMessage()));
            return out;
        }
        var marker = PostgresTarget.marker(c);
        if (marker.isEmpty()) {
            out.add(Check.fail(subject, "not prepared for Ferry (no ferry schema or marker): run ferry init-target --spec S"));
            return out;
        }
        out.add(Check.ok(subject, "a primary, not PROD, marked as CERT (" + marker.get() + ")"));
        out.add(PostgresTarget.mayDisableTriggers(c, loaderRole)
                ? Check.ok(subject, loaderRole + " may set session_replication_role (Ferry's fix-ups)")
                : Check.fail(subject, loaderRole + " may not set session_replication_role: run ferry init-target, or"
                        + " GRANT SET ON PARAMETER session_replication_role TO " + loaderRole));
        return out;
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection c, String sql, List<String> schemas) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A time setting in seconds (its unit is milliseconds). */
    private static long seconds(Connection c, String setting) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT setting::bigint / 1000 FROM pg_settings WHERE name = ?")) {
            st.setString(1, setting);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
