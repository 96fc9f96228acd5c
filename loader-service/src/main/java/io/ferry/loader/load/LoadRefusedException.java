package io.ferry.loader.load;

/**
 * A store's part of a run that the loader will not start on: a table CERT cannot take, a strategy or cycle
 * this loader does not handle yet, or a run the store already knows. Nothing was written. The message names
 * the store, the table and the reason; never a value of the data.
 */
public final class LoadRefusedException extends RuntimeException {

    public LoadRefusedException(String store, String reason) {
        super("store " + store + " (cert): " + reason);
    }
}
