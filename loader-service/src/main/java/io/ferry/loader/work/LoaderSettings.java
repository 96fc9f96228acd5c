package io.ferry.loader.work;

import io.ferry.loader.load.LoadTimeouts;
import java.nio.file.Path;
import java.time.Duration;

/**
 * @param workRoot where a load fetches its store's batches (deleted afterwards)
 * @param timeouts CERT's {@code lock_timeout} and {@code statement_timeout} for loads and compensations
 * @param mapWait  how long a load waits for the stores it references to decide their key maps
 */
public record LoaderSettings(Path workRoot, LoadTimeouts timeouts, Duration mapWait) {

    public LoaderSettings(Path workRoot, LoadTimeouts timeouts) {
        this(workRoot, timeouts, Duration.ofMinutes(10));
    }
}
