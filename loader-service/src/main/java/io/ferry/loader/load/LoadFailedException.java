package io.ferry.loader.load;

import java.sql.SQLException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * A store's load (or compensation) that began and was rolled back: CERT is as it was before. The message
 * names the store, the step and the SQLSTATE or constraint; never PostgreSQL's detail, which quotes row
 * values.
 */
public final class LoadFailedException extends RuntimeException {

    private final boolean worthRetrying;

    public LoadFailedException(String store, String reason, Throwable cause) {
        super("store " + store + " (cert): " + reason, cause);
        this.worthRetrying = cause instanceof SQLException sql ? Failures.worthRetrying(sql)
                : cause instanceof TransientException || cause instanceof ServiceUnavailableException;
    }

    /**
     * Whether the same request may succeed later: CERT was busy (a lock or statement timeout, a deadlock, a
     * serialization failure, Neo4j's transient errors), unreachable or short of resources. A constraint the rows
     * break fails again.
     */
    public boolean worthRetrying() {
        return worthRetrying;
    }
}
