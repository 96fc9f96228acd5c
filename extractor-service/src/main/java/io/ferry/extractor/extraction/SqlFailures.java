package io.ferry.extractor.extraction;

import java.sql.SQLException;

/**
 * Sorts a PROD error into transient (retry as a new attempt) or fatal, by SQL state only: PgJDBC messages
 * may quote row values, so they never reach a result.
 */
final class SqlFailures {

    private SqlFailures() {
    }

    static ExtractionFailure classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.startsWith("53")) {
            return ExtractionFailure.transientFailure("PROD_UNREACHABLE",
                    "the PROD session was lost or refused (SQL state " + state + ")", e);
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return ExtractionFailure.transientFailure("PROD_CONFLICT",
                    "PROD cancelled the read, e.g. a conflict with recovery on a standby (SQL state " + state + ")", e);
        }
        if (state.equals("42501")) {
            return ExtractionFailure.fatal("PROD_REFUSED", "the PROD user may not read a table (SQL state 42501);"
                    + " grant SELECT on the spec's schemas");
        }
        if (state.equals("57014")) {
            return ExtractionFailure.fatal("STATEMENT_TIMEOUT", "a PROD statement ran past"
                    + " ferry.extractor.prod.statement-timeout (SQL state 57014)");
        }
        return ExtractionFailure.fatal("PROD_READ_FAILED", "reading PROD failed (SQL state " + state + ")");
    }
}
