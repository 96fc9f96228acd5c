package io.ferry.planning.prod;

/**
 * PROD could not be read. The message names the store and what to check (SQL state, url, grant), never a
 * row value; {@link #reason()} tells callers how to report it (the CLI's exit code, a service's failure kind).
 */
public final class ProdAccessException extends RuntimeException {

    public enum Reason {
        /** The store does not answer: down, wrong url, network. Worth retrying. */
        UNREACHABLE,
        /** Credentials or privileges refused. */
        REFUSED,
        /** The store answered but the read failed or the session is not what Ferry requires. */
        FAILED,
        /** The caller named a store the spec does not have as that kind. */
        USAGE
    }

    private final Reason reason;

    public ProdAccessException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
