package io.ferry.extractor.extraction;

import io.ferry.planning.Completions;
import io.ferry.planning.RowSource;
import io.ferry.planning.prod.ProdSnapshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Reads of the relational stores that run beside the caller's: on a thread of their own, in sessions of their own
 * that share the snapshot ({@link ProdSnapshot#shareSources}), closed before the work counts as done (so whoever
 * waits for it stays within the connection cap); or, where the cap allows no more sessions, at once in the
 * snapshot's own. The graph stores' closures and the preflight's dictionary run so.
 */
public final class BesideWork<T> implements AutoCloseable {
    private final CompletableFuture<T> result;

    private BesideWork(CompletableFuture<T> result) {
        this.result = result;
    }

    /**
     * @param ownSessions whether a second session per store is allowed (the sessions are opened here, on the
     *                    caller's thread: exporting the snapshot is a statement on the snapshot's session)
     * @param work        reads through the row sources it is given, by store
     */
    public static <T> BesideWork<T> start(ProdSnapshot snapshot, boolean ownSessions, String threadName,
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
    public T join() {
        return Completions.join(result);
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Runs {@code then} once the work is done, failed or not (at once when it is). */
    public void whenDone(Runnable then) {
        result.whenComplete((value, failure) -> then.run());
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
