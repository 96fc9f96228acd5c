package io.ferry.loader.load;

import io.ferry.service.Futures;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes one relationship type's chunks into a graph a few transactions at once: a Neo4j transaction runs on one
 * server thread, so one chunk at a time left the other cores idle. {@link #drain} waits for all of them before the
 * next type. Relationships of one type may share end nodes: a deadlock between two chunks is a transient error the
 * driver's managed transaction retries. (Nodes go one chunk at a time: written two at once they were no faster.)
 */
final class ConcurrentChunks implements AutoCloseable {

    private final ExecutorService pool;
    private final int limit;
    private final Deque<Future<long[]>> pending = new ArrayDeque<>();
    private final long[] done = new long[2];

    /** @param limit chunks written at once; the reader waits while that many are in flight */
    ConcurrentChunks(int limit, String name) {
        this.limit = limit;
        this.pool = Executors.newFixedThreadPool(limit, Thread.ofPlatform().name(name + "-", 1).daemon().factory());
    }

    /** Hands a chunk to a writer; returns once fewer than the limit are in flight. The chunk's counts add up. */
    void submit(Callable<long[]> chunk) {
        while (pending.size() >= limit) {
            add(await(pending.removeFirst()));
        }
        pending.add(pool.submit(chunk));
    }

    /**
     * Waits for every chunk handed in so far.
     *
     * @return the counts added up since the last drain
     * @throws RuntimeException the first chunk's failure, after every other chunk has ended (a take-out must
     *                          not race a write still in flight)
     */
    long[] drain() {
        RuntimeException failure = null;
        while (!pending.isEmpty()) {
            try {
                add(await(pending.removeFirst()));
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        long[] counts = done.clone();
        done[0] = 0;
        done[1] = 0;
        return counts;
    }

    private void add(long[] counts) {
        done[0] += counts[0];
        done[1] += counts.length > 1 ? counts[1] : 0;
    }

    private static long[] await(Future<long[]> chunk) {
        return Futures.await(chunk, "writing graph chunks");
    }

    /** Waits for what is still in flight (a failure elsewhere stopped the reading), then stops the writers. */
    @Override
    public void close() {
        try {
            for (Future<long[]> f : pending) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException ignored) {
                    // the load fails already; its take-out removes what this chunk wrote
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
