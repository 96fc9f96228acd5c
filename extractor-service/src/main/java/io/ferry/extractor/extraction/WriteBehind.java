package io.ferry.extractor.extraction;

import io.ferry.planning.Completions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a reader's writes on a thread of their own, one at a time, so that the next chunk is read while the last one
 * is written: a graph read otherwise leaves the graph server idle while it encodes and encrypts a chunk, and then
 * itself idle while the server answers the next query. At most one write is pending ({@link #write} waits for the
 * previous one), so at most two chunks are in memory. A write's failure is thrown, as it was thrown, by the next
 * {@link #write} or {@link #drain}.
 */
final class WriteBehind implements AutoCloseable {
    private final ExecutorService thread;
    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);

    WriteBehind(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(threadName).factory());
    }

    /** Waits for the previous write, then starts {@code write} on the writing thread. */
    void write(Runnable write) {
        drain();
        pending = CompletableFuture.runAsync(write, thread);
    }

    /** Waits for the pending write; its failure is thrown here. */
    void drain() {
        Completions.join(pending);
    }

    /** Waits for the pending write (whose failure, if any, the caller has seen or is about to lose to its own). */
    @Override
    public void close() {
        try {
            pending.join();
        } catch (CompletionException | java.util.concurrent.CancellationException ignored) {
            // drain() reported it, or the reader failed first and its own failure is the one to report
        } finally {
            thread.shutdown();
        }
    }
}
