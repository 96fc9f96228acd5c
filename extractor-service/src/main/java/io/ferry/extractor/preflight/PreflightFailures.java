package io.ferry.extractor.preflight;

import io.ferry.classify.ProdReadException;
import io.ferry.contracts.messages.Failure.Kind;
import io.ferry.extractor.extraction.ExtractionFailure;
import io.ferry.planning.ClosureException;
import io.ferry.planning.ReadRefusedException;
import io.ferry.planning.UnknownDistrictException;
import io.ferry.planning.prod.ProdAccessException;

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

    /** A failed read of the fields (sampling, the reserved-range scan, the dictionary's rows); its message names no value. */
    static ExtractionFailure of(ProdReadException e) {
        return switch (e.reason()) {
            case UNREACHABLE -> ExtractionFailure.transientFailure("PROD_UNREACHABLE", e.getMessage(), null);
            case CONFLICT -> ExtractionFailure.transientFailure("PROD_CONFLICT", e.getMessage(), null);
            case REFUSED -> fatal("PROD_REFUSED", e.getMessage(), null);
            case FAILED -> fatal("PROD_READ_FAILED", e.getMessage(), null);
        };
    }

    static ExtractionFailure fatal(String code, String message, Throwable cause) {
        return new ExtractionFailure(Kind.FATAL, code, message, cause);
    }
}
