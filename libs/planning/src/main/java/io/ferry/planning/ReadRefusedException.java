package io.ferry.planning;

/** The store refused to let the session read a table (SQLSTATE 42501): a grant is missing, not a bug. */
public final class ReadRefusedException extends ClosureException {
    public ReadRefusedException(Object table) {
        super("permission denied reading " + table + " (SQLSTATE 42501); grant the spec's PROD user SELECT on it,"
                + " e.g. GRANT pg_read_all_data TO that user");
    }
}
