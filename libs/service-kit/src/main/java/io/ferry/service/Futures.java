package io.ferry.service;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread as if it had run on this one. */
public final class Futures {

    private Futures() {
    }

    /**
     * The future's result; what the work threw is thrown again as it was (a checked exception wrapped in an
     * {@link IllegalStateException}), and an interrupt restores the thread's flag.
     *
     * @param what the work, for the message of an interrupt ({@code "writing graph chunks"})
     */
    public static <T> T await(Future<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
