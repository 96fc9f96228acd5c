package io.ferry.classify;

import java.sql.SQLException;
import java.util.Objects;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * A read of PROD's fields that failed: sampling, the reserved-range scan or the dictionary's rows. The
 * message names the step, the store, the table or label and the SQL state or Neo4j code, never a value:
 * the database's own message may quote one, so neither it nor the driver's exception is kept.
 */
public final class ProdReadException extends RuntimeException {

    /** What the caller can do about it. */
    public enum Reason {
        /** The store does not answer (connection lost, server shut down): worth a retry. */
        UNREACHABLE,
        /** A standby's recovery conflict, a deadlock, a statement timeout, a transient Neo4j error: worth a retry. */
        CONFLICT,
        /** Credentials or a grant refused. */
        REFUSED,
        /** Any other read error. */
        FAILED
    }

    private final Reason reason;

    public ProdReadException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** @param what the step and object, e.g. "sampling ids.public.person" */
    public static ProdReadException of(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = what + " failed (SQL state " + (state.isEmpty() ? "unknown" : state) + ")";
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return new ProdReadException(Reason.UNREACHABLE, message);
        }
        if (state.equals("40001") || state.equals("40P01") || state.equals("57014") || state.equals("55P03")) {
            return new ProdReadException(Reason.CONFLICT, message);
        }
        if (state.equals("42501") || state.startsWith("28")) {
            return new ProdReadException(Reason.REFUSED, message + "; the PROD user needs SELECT on it");
        }
        return new ProdReadException(Reason.FAILED, message);
    }

    /** @param what the step and object, e.g. "sampling sp:Person" */
    public static ProdReadException of(String what, Neo4jException e) {
        String message = what + " failed (" + (e.code() == null ? e.getClass().getSimpleName() : e.code()) + ")";
        if (e instanceof ServiceUnavailableException || e instanceof SessionExpiredException) {
            return new ProdReadException(Reason.UNREACHABLE, message);
        }
        if (e instanceof TransientException) {
            return new ProdReadException(Reason.CONFLICT, message);
        }
        if (e.code() != null && e.code().startsWith("Neo.ClientError.Security.")) {
            return new ProdReadException(Reason.REFUSED, message);
        }
        return new ProdReadException(Reason.FAILED, message);
    }
}
