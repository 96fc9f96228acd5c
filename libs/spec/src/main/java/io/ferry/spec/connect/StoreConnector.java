package io.ferry.spec.connect;

import io.ferry.spec.parse.ResolvedConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/**
 * Opens the stores a spec names, the way every Ferry component must: PostgreSQL sessions with the
 * settings that make text output canonical (DESIGN.md, Extraction: types) and without row values in
 * server error messages; PROD sessions read-only.
 */
public final class StoreConnector {

    /** Session settings for every PostgreSQL connection, passed as startup options. */
    static final String SESSION_OPTIONS = "-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres"
            + " -c extra_float_digits=3 -c bytea_output=hex";

    private StoreConnector() {
    }

    /**
     * @param store    the store's name in the spec, for messages
     * @param env      {@code prod} or {@code cert}, for messages
     * @param readOnly true for PROD: the session refuses writes
     */
    public static Connection openPostgres(String store, String env, ResolvedConnection connection, boolean readOnly) {
        Properties props = new Properties();
        if (connection.user() != null) {
            props.setProperty("user", connection.user());
        }
        if (connection.password() != null) {
            props.setProperty("password", connection.password().reveal());
        }
        props.setProperty("options", SESSION_OPTIONS);
        props.setProperty("logServerErrorDetail", "false");
        props.setProperty("ApplicationName", "ferry");
        props.setProperty("connectTimeout", "10");
        if (readOnly) {
            props.setProperty("readOnly", "true");
            props.setProperty("readOnlyMode", "always");
        }
        try {
            return DriverManager.getConnection(connection.url(), props);
        } catch (SQLException e) {
            if ("08004".equals(e.getSQLState()) && connection.password() == null) {
                // PgJDBC's answer when the server asks for a password and the connection has none: not unreachable.
                throw new StoreUnavailableException(StoreUnavailableException.Reason.REFUSED, "store " + store + " ("
                        + env + ", " + connection.url() + ") asks user " + connection.user() + " for a password and"
                        + " none was given (SQLSTATE 08004); check the spec's user and password source");
            }
            throw unavailable(store, env, connection.url(), e);
        }
    }

    /** A Neo4j driver whose connectivity was verified. */
    public static Driver openNeo4j(String store, String env, ResolvedConnection connection) {
        AuthToken auth = connection.user() == null ? AuthTokens.none()
                : AuthTokens.basic(connection.user(), connection.password() == null ? "" : connection.password().reveal());
        Driver driver = GraphDatabase.driver(connection.url(), auth);
        try {
            driver.verifyConnectivity();
            return driver;
        } catch (AuthenticationException e) {
            driver.close();
            throw new StoreUnavailableException(StoreUnavailableException.Reason.REFUSED,
                    "store " + store + " (" + env + ", " + connection.url() + ") refused the credentials");
        } catch (ServiceUnavailableException | IllegalArgumentException e) {
            driver.close();
            throw new StoreUnavailableException(StoreUnavailableException.Reason.UNREACHABLE,
                    "store " + store + " (" + env + ") is unreachable at " + connection.url()
                            + "; is it running, and is the url right?");
        }
    }

    private static StoreUnavailableException unavailable(String store, String env, String url, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = "store " + store + " (" + env + ", " + url + ")";
        if (state.startsWith("28")) {
            return new StoreUnavailableException(StoreUnavailableException.Reason.REFUSED,
                    where + " refused the user or password (SQLSTATE " + state + "); check the spec's user and password source");
        }
        if (state.equals("3D000")) {
            return new StoreUnavailableException(StoreUnavailableException.Reason.UNREACHABLE,
                    where + ": the database does not exist (SQLSTATE 3D000)");
        }
        return new StoreUnavailableException(StoreUnavailableException.Reason.UNREACHABLE,
                where + " is unreachable" + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")")
                        + "; is it running, and is the url right?");
    }
}
