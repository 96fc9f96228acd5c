package io.ferry.loader.load;

import java.sql.SQLException;

/**
 * A store's load (or compensation) that began and was rolled back: CERT is as it was before. The message
 * names the store, the step and the SQLSTATE or constraint; never PostgreSQL's detail, which quotes row
 * values.
 */
public final class LoadFailedException extends RuntimeException {

    private final boolean worthRetrying;

    public LoadFailedException(String store, String reason, Throwable cause) {
        super("store " + store + " (cert): " + reason, cause);
        this.worthRetrying = cause instanceof SQLException sql && Failures.worthRetrying(sql);
    }

    /**
     * Whether the same request may succeed later: CERT was busy (a lock or statement timeout, a deadlock, a
     * serialization failure), unreachable or short of resources. A constraint the rows break fails again.
     */
    public boolean worthRetrying() {
        return worthRetrying;
    }
}
