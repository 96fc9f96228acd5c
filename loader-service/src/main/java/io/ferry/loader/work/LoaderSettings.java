package io.ferry.loader.work;

import io.ferry.loader.load.LoadTimeouts;
import java.nio.file.Path;

/**
 * @param workRoot where a load fetches its store's batches (deleted afterwards)
 * @param timeouts CERT's {@code lock_timeout} and {@code statement_timeout} for loads and compensations
 */
public record LoaderSettings(Path workRoot, LoadTimeouts timeouts) {
}
