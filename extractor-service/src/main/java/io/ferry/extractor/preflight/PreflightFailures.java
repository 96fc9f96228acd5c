package io.ferry.extractor.preflight;

import io.ferry.contracts.messages.Failure.Kind;
import io.ferry.extractor.extraction.ExtractionFailure;
import io.ferry.planning.ClosureException;
import io.ferry.planning.ReadRefusedException;
import io.ferry.planning.UnknownDistrictException;
import io.ferry.planning.prod.ProdAccessException;
import java.sql.SQLException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Why the preflight could not run, as {@link ExtractionFailure}s with stable codes. Messages name stores,
 * tables, columns and SQL states, never a row value (PostgreSQL and Neo4j messages may quote values, so
 * they are not passed on).
 *
 * <table>
 * <caption>codes</caption>
 * <tr><td>{@code PROD_UNREACHABLE}</td><td>TRANSIENT</td><td>a store does not answer (connection lost, shut down)</td></tr>
 * <tr><td>{@code PROD_CONFLICT}</td><td>TRANSIENT</td><td>a standby's recovery conflict, a deadlock, a transient Neo4j error</td></tr>
 * <tr><td>{@code PROD_REFUSED}</td><td>FATAL</td><td>credentials or a grant refused</td></tr>
 * <tr><td>{@code PROD_NOT_READ_ONLY}</td><td>FATAL</td><td>a PROD session is not read-only</td></tr>
 * <tr><td>{@code PROD_READ_FAILED}</td><td>FATAL</td><td>a read failed for another reason (the SQL state says which)</td></tr>
 * <tr><td>{@code UNKNOWN_DISTRICT}</td><td>FATAL</td><td>no tenant row has the district's key</td></tr>
 * <tr><td>{@code SPEC_INVALID}</td><td>FATAL</td><td>the spec's rules do not fit PROD's schema</td></tr>
 * <tr><td>{@code CLOSURE_FAILED}</td><td>FATAL</td><td>the closure could not be computed (a row limit, ...)</td></tr>
 * <tr><td>{@code STAGING_FAILED}</td><td>TRANSIENT</td><td>the dictionary could not be written to staging</td></tr>
 * </table>
 */
final class PreflightFailures {

    private PreflightFailures() {
    }

    static ExtractionFailure of(ProdAccessException e) {
        return switch (e.reason()) {
            case UNREACHABLE -> ExtractionFailure.transientFailure("PROD_UNREACHABLE", e.getMessage(), e);
            case REFUSED -> new ExtractionFailure(Kind.FATAL, "PROD_REFUSED", e.getMessage(), e);
            case USAGE -> new ExtractionFailure(Kind.FATAL, "SPEC_INVALID", e.getMessage(), e);
            case FAILED -> new ExtractionFailure(Kind.FATAL, "PROD_READ_FAILED", e.getMessage(), e);
        };
    }

    static ExtractionFailure of(ClosureException e) {
        if (e instanceof UnknownDistrictException) {
            return fatal("UNKNOWN_DISTRICT", e.getMessage(), e);
        }
        if (e instanceof ReadRefusedException) {
            return fatal("PROD_REFUSED", e.getMessage(), e);
        }
        String message = e.getMessage() == null ? "the closure could not be computed" : e.getMessage();
        if (message.contains("SQL state 40001") || message.contains("SQL state 40P01")
                || message.contains("SQL state 08") || message.contains("SQL state 57P")) {
            return ExtractionFailure.transientFailure("PROD_CONFLICT", message, e);
        }
        return fatal("CLOSURE_FAILED", message, e);
    }

    /** @param what the step and object, e.g. "sampling ids.public.person" */
    static ExtractionFailure of(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = what + " failed (SQL state " + (state.isEmpty() ? "unknown" : state) + ")";
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return ExtractionFailure.transientFailure("PROD_UNREACHABLE", message, null);
        }
        if (state.equals("40001") || state.equals("40P01") || state.equals("57014") || state.equals("55P03")) {
            return ExtractionFailure.transientFailure("PROD_CONFLICT", message, null);
        }
        if (state.equals("42501") || state.startsWith("28")) {
            return fatal("PROD_REFUSED", message + "; the PROD user needs SELECT on it", null);
        }
        // The SQLException is not kept as the cause: its message may quote a value.
        return fatal("PROD_READ_FAILED", message, null);
    }

    static ExtractionFailure of(String what, Neo4jException e) {
        String message = what + " failed (" + (e.code() == null ? e.getClass().getSimpleName() : e.code()) + ")";
        if (e instanceof ServiceUnavailableException || e instanceof SessionExpiredException) {
            return ExtractionFailure.transientFailure("PROD_UNREACHABLE", message, null);
        }
        if (e instanceof TransientException) {
            return ExtractionFailure.transientFailure("PROD_CONFLICT", message, null);
        }
        // Not kept as the cause: Cypher errors may quote a value.
        return fatal("PROD_READ_FAILED", message, null);
    }

    static ExtractionFailure fatal(String code, String message, Throwable cause) {
        return new ExtractionFailure(Kind.FATAL, code, message, cause);
    }
}
