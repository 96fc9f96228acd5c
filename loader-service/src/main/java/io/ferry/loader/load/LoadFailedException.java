package io.ferry.loader.load;

/**
 * A store's load (or compensation) that began and was rolled back: CERT is as it was before. The message
 * names the store, the step and the SQLSTATE or constraint; never PostgreSQL's detail, which quotes row
 * values.
 */
public final class LoadFailedException extends RuntimeException {

    public LoadFailedException(String store, String reason, Throwable cause) {
        super("store " + store + " (cert): " + reason, cause);
    }
}
