package io.ferry.coordinator.catalog;

/** The extractor did not answer a catalog request, or could not; {@code timedOut} tells which (504 or 502). */
public final class CatalogUnavailableException extends RuntimeException {

    private final boolean timedOut;

    public CatalogUnavailableException(String message, boolean timedOut) {
        super(message);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
