package io.ferry.loader.load;

import java.time.Duration;

/**
 * Limits on the loader's transaction, so CERT's own users are not held up behind it: how long a statement
 * waits for a lock, and how long one statement may run.
 */
public record LoadTimeouts(Duration lock, Duration statement) {

    public static LoadTimeouts defaults() {
        return new LoadTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(30));
    }
}
