package io.ferry.planning;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waiting for work done on another thread so that its failure is thrown here as it was thrown there (the closure's
 * reads beside its rounds, the extractor's work beside a store's reads).
 */
public final class Completions {

    private Completions() {
    }

    /** The work's result; a {@link RuntimeException} or {@link Error} it threw is rethrown unwrapped. */
    public static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
