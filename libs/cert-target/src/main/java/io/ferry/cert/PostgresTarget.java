package io.ferry.cert;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CERT PostgreSQL store as Ferry prepares and guards it: the {@code ferry} schema under Flyway, the
 * environment marker, the loader's privilege to suppress user triggers, and the refusals that come first.
 */
public final class PostgresTarget {

    /** The schema Ferry owns in every CERT store; nothing else there is Ferry's to change. */
    public static final String SCHEMA = "ferry";
    static final String MIGRATIONS = "classpath:io/ferry/cert/migration";

    private PostgresTarget() {
    }

    /**
     * Refuses a target in recovery or on the same database as a PROD connection.
     *
     * @param store the store's name, for the message
     * @param prod  the identities of every PROD PostgreSQL connection of the spec
     * @throws TargetRefusedException naming the reason
     */
    public static void guard(String store, Connection cert, List<DatabaseIdentity> prod) throws SQLException {
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            if (rs.getBoolean(1)) {
                throw new TargetRefusedException("store " + store + " (cert) is a standby in recovery: Ferry writes"
                        + " only to a primary; point cert.url at the primary");
            }
        }
        DatabaseIdentity self = DatabaseIdentity.of(cert);
        for (DatabaseIdentity p : prod) {
            if (self.sameAs(p)) {
                throw new TargetRefusedException("store " + store + " (cert) is database " + self.database()
                        + " of the same cluster as a prod connection: Ferry never writes to PROD; point cert.url at"
                        + " the CERT database");
            }
        }
    }

    /**
     * Brings the {@code ferry} schema to the newest version, marks the store as CERT and gives the loader's
     * role what it needs: the {@code ferry} tables, and the privilege to set {@code session_replication_role}
     * (Ferry's own fix-up updates suppress user triggers with it).
     *
     * @param session     a session as the role that prepares the store (the loader's own, or an admin)
     * @param loaderRole  the role the loader connects as (the spec's cert user)
     * @return the schema version after migration
     * @throws TargetRefusedException if the loader's role ends up without the privilege, naming the GRANT
     */
    public static String prepare(String store, Connection session, String url, String user, String password,
            String loaderRole) throws SQLException {
        MigrateResult result = Flyway.configure().dataSource(url, user, password)
                .schemas(SCHEMA).createSchemas(true).locations(MIGRATIONS).load().migrate();
        try (var insert = session.prepareStatement("INSERT INTO ferry.environment (environment, store) VALUES ('cert', ?)"
                + " ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, store);
            insert.executeUpdate();
        }
        String role = quoteRole(loaderRole);
        try (Statement st = session.createStatement()) {
            if (!loaderRole.equals(currentUser(session))) {
                st.execute("GRANT USAGE ON SCHEMA ferry TO " + role);
                st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ferry TO " + role);
            }
            if (!mayDisableTriggers(session, loaderRole)) {
                st.execute("GRANT SET ON PARAMETER session_replication_role TO " + role);
            }
        } catch (SQLException e) {
            throw new TargetRefusedException("store " + store + " (cert): role " + loaderRole + " may not set"
                    + " session_replication_role and " + currentUser(session) + " could not grant it (SQLSTATE "
                    + e.getSQLState() + "); run init-target with --admin-user, or have a superuser run: GRANT SET ON"
                    + " PARAMETER session_replication_role TO " + role);
        }
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : currentVersion(session);
    }

    private static String currentUser(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String quoteRole(String role) {
        return '"' + role.replace("\"", "\"\"") + '"';
    }

    /** Whether {@code role} may set {@code session_replication_role} (to suppress user triggers). */
    public static boolean mayDisableTriggers(Connection c, String role) throws SQLException {
        try (var st = c.prepareStatement("SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = ?), false)"
                + " OR has_parameter_privilege(?, 'session_replication_role', 'SET')")) {
            st.setString(1, role);
            st.setString(2, role);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Records the PROD databases init-target saw, so the loader (which holds no PROD credentials) can refuse a
     * session on one of them. Upserted: an address that now serves another cluster gets its new identifier.
     */
    public static void rememberProd(Connection session, Map<String, DatabaseIdentity> prodByStore) throws SQLException {
        try (PreparedStatement st = session.prepareStatement("INSERT INTO ferry.prod_identity (address, database,"
                + " system_identifier, store) VALUES (?, ?, ?, ?) ON CONFLICT (address, database) DO UPDATE SET"
                + " system_identifier = excluded.system_identifier, store = excluded.store, seen_at = now()")) {
            for (Map.Entry<String, DatabaseIdentity> e : prodByStore.entrySet()) {
                st.setString(1, e.getValue().address());
                st.setString(2, e.getValue().database());
                st.setString(3, e.getValue().systemIdentifier());
                st.setString(4, e.getKey());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** The PROD databases init-target recorded in this store ({@link #rememberProd}). */
    public static List<DatabaseIdentity> rememberedProd(Connection cert) throws SQLException {
        List<DatabaseIdentity> identities = new ArrayList<>();
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery("SELECT system_identifier, address,"
                + " database FROM ferry.prod_identity ORDER BY address, database")) {
            while (rs.next()) {
                identities.add(new DatabaseIdentity(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return identities;
    }

    /** The store's name in its marker, or empty if the store was never prepared by {@code init-target}. */
    public static Optional<String> marker(Connection cert) throws SQLException {
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT to_regclass('ferry.environment') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return Optional.empty();
            }
        }
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT store FROM ferry.environment WHERE environment = 'cert'")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    static String currentVersion(Connection cert) throws SQLException {
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery("SELECT max(version) FROM"
                + " ferry.flyway_schema_history WHERE success")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
