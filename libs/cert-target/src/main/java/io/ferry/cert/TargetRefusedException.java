package io.ferry.cert;

/**
 * A CERT store Ferry must not write to, or may not prepare: in recovery, the same database as a PROD
 * connection, without the environment marker, or without a privilege the loader needs. The message says
 * which store, why, and what would fix it; never a value of the data.
 */
public final class TargetRefusedException extends RuntimeException {

    public TargetRefusedException(String message) {
        super(message);
    }
}
