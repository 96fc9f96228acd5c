package io.ferry.loader.load;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

/**
 * Says what went wrong in a statement without quoting data: the SQLSTATE and, where the server names them,
 * the constraint and table. PostgreSQL's message and detail often quote the offending values, so they are
 * left out.
 */
final class Failures {

    private Failures() {
    }

    static String describe(SQLException failure) {
        SQLException e = cause(failure);
        StringBuilder text = new StringBuilder("SQLSTATE " + e.getSQLState());
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m.getConstraint() != null) {
                text.append(", constraint ").append(m.getConstraint());
            }
            if (m.getTable() != null) {
                text.append(", table ").append(m.getTable());
            }
        }
        String meaning = switch (String.valueOf(e.getSQLState())) {
            case "23505" -> "a key CERT already holds";
            case "23503" -> "a reference to a row CERT does not hold";
            case "23502" -> "a NULL where CERT requires a value";
            case "55P03" -> "a lock was not granted in time";
            case "57014" -> "a statement ran past its timeout";
            default -> null;
        };
        return meaning == null ? text.toString() : meaning + ": " + text;
    }

    /** CERT busy, unreachable or short of resources: classes 08, 40, 53, 57P01-57P03, and 55P03, 57014. */
    static boolean worthRetrying(SQLException failure) {
        String state = String.valueOf(cause(failure).getSQLState());
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.equals("55P03")
                || state.equals("57014") || state.startsWith("57P0");
    }

    /**
     * The failure that started it: a statement refused because the transaction had already failed (25P02)
     * says nothing, so the earliest cause with another SQLSTATE is reported instead.
     */
    private static SQLException cause(SQLException e) {
        SQLException found = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && !"25P02".equals(s.getSQLState())) {
                found = s;
            }
        }
        return found;
    }
}
