package io.ferry.loader.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The settings of the loader's transactions. The text formats are fixed because a row's text is part of
 * the ledger (its key and its hash) and must come out the same when compensation or a later check reads
 * the row again, whatever CERT's defaults are.
 */
final class SessionSettings {

    private SessionSettings() {
    }

    /** Applies to the current transaction only ({@code SET LOCAL}); the connection must not be in auto-commit. */
    static void apply(Connection c, LoadTimeouts timeouts) throws SQLException {
        formats(c);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL lock_timeout = " + timeouts.lock().toMillis());
            st.execute("SET LOCAL statement_timeout = " + timeouts.statement().toMillis());
        }
    }

    static void formats(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL TimeZone = 'UTC'; SET LOCAL IntervalStyle = postgres;"
                    + " SET LOCAL extra_float_digits = 3; SET LOCAL bytea_output = hex");
        }
    }
}
