package io.ferry.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent pieces of work (one per store, say) on a few threads and gives their results in the order of
 * the input, so that what follows (findings, logs, reports) does not depend on which thread finished first. A
 * failure is rethrown as the piece threw it; the other pieces' threads are interrupted (work that ignores
 * interrupts, such as a JDBC statement, ends on its own).
 */
public final class InOrder {

    /** One piece of work. */
    @FunctionalInterface
    public interface Task<T, R, E extends Exception> {
        R apply(T item) throws E;
    }

    private InOrder() {
    }

    /**
     * @param threads at most this many pieces at once; 1 (or one item) runs them on the calling thread
     * @param name    names the threads, for thread dumps and logs
     */
    public static <T, R, E extends Exception> List<R> map(List<T> items, int threads, String name, Task<T, R, E> task)
            throws E {
        if (threads <= 1 || items.size() <= 1) {
            List<R> results = new ArrayList<>(items.size());
            for (T item : items) {
                results.add(task.apply(item));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()),
                Thread.ofPlatform().name(name + "-", 1).daemon().factory());
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> task.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " was interrupted", e);
        } catch (ExecutionException e) {
            throw InOrder.<E>rethrow(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The piece's own exception: a runtime exception or error as is, a checked one as the E the task declares. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Throwable cause) throws E {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw (E) cause;
    }
}
