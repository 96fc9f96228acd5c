package io.ferry.cert;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Objects;

/**
 * Which database a session is on, as the server itself reports it: the cluster's system identifier (the
 * same for a primary and its standbys; null when the role may not read the control data), the server's
 * address and the database name. URLs can hide that two connections reach the same data; this cannot.
 */
public record DatabaseIdentity(String systemIdentifier, String address, String database) {

    public static DatabaseIdentity of(Connection c) throws SQLException {
        String database;
        String address;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_database(), "
                + "coalesce(host(inet_server_addr()), 'local') || ':' || coalesce(inet_server_port(), 0)")) {
            rs.next();
            database = rs.getString(1);
            address = rs.getString(2);
        }
        return new DatabaseIdentity(systemIdentifier(c), address, database);
    }

    /** Whether both name the same database of the same cluster (or, lacking identifiers, the same server). */
    public boolean sameAs(DatabaseIdentity other) {
        if (!database.equals(other.database)) {
            return false;
        }
        if (systemIdentifier != null && other.systemIdentifier != null) {
            return systemIdentifier.equals(other.systemIdentifier);
        }
        return address.equals(other.address);
    }

    private static String systemIdentifier(Connection c) throws SQLException {
        Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT system_identifier::text FROM pg_control_system()")) {
            rs.next();
            return Objects.requireNonNull(rs.getString(1));
        } catch (SQLException e) {
            // pg_control_system() is for superusers and pg_monitor: without it the address has to do.
            if (savepoint != null) {
                c.rollback(savepoint);
            }
            return null;
        }
    }
}
