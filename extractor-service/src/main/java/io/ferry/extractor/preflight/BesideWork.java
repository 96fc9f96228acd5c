package io.ferry.extractor.preflight;

import io.ferry.planning.RowSource;
import io.ferry.planning.prod.ProdSnapshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Reads of the relational stores that run beside the caller's: on a thread of their own, in sessions of their own
 * that share the snapshot ({@link ProdSnapshot#shareSources}), closed as soon as the work is done; or, where the
 * connection cap allows no second session, at once in the snapshot's own sessions.
 */
final class BesideWork<T> implements AutoCloseable {
    private final CompletableFuture<T> result;

    private BesideWork(CompletableFuture<T> result) {
        this.result = result;
    }

    /**
     * @param ownSessions whether a second session per store is allowed (the sessions are opened here, on the
     *                    caller's thread: exporting the snapshot is a statement on the snapshot's session)
     * @param work        reads through the row sources it is given, by store
     */
    static <T> BesideWork<T> start(ProdSnapshot snapshot, boolean ownSessions, String threadName,
            Function<Function<String, RowSource>, T> work) {
        if (!ownSessions) {
            return new BesideWork<>(CompletableFuture.completedFuture(work.apply(snapshot.sources()::get)));
        }
        ProdSnapshot.SharedSources shared = snapshot.shareSources();
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            Thread.ofPlatform().daemon().name(threadName).start(() -> {
                T value;
                try (shared) {
                    value = work.apply(shared::get);
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                    return;
                }
                result.complete(value); // once its sessions are closed
            });
        } catch (RuntimeException | Error e) {
            shared.close();
            throw e;
        }
        return new BesideWork<>(result);
    }

    /** The work's result; its failure is thrown here as it was thrown there. */
    T join() {
        try {
            return result.join();
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

    /** Waits for the work, so that nothing reads PROD after the caller is done; a failure here is the caller's to see. */
    @Override
    public void close() {
        try {
            result.join();
        } catch (CompletionException | java.util.concurrent.CancellationException ignored) {
            // join() reported it, or the caller failed first and its own failure is the one to report
        }
    }
}
