package io.ferry.spec.connect;

/**
 * A store could not be opened. Says which store, which environment and address (never a password)
 * and whether the store was unreachable or refused the credentials.
 */
public final class StoreUnavailableException extends RuntimeException {

    /** Why a store could not be opened; maps onto the command line's exit codes 3 and 4. */
    public enum Reason {
        UNREACHABLE, REFUSED
    }

    private final Reason reason;

    public StoreUnavailableException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
