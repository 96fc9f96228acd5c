package io.ferry.service.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sends of one request whose broker acknowledgements are still awaited. At most {@code limit} are
 * outstanding: adding one more first waits for the oldest, so a long piece of work neither floods the
 * producer nor holds every future. {@link #awaitAll} returns once the broker acknowledged every send;
 * only then may the request's result go out and its offset be committed.
 */
public final class SendWindow {

    private final int limit;
    private final Duration timeout;
    private final Deque<CompletableFuture<Void>> outstanding = new ArrayDeque<>();
    private int sent;
    private SendFailedException failure;

    public SendWindow(int limit, Duration timeout) {
        if (limit < 1) {
            throw new IllegalArgumentException("a send window holds at least one send");
        }
        this.limit = limit;
        this.timeout = timeout;
    }

    /** Adds a send; waits for the oldest first when the window is full. */
    public synchronized void add(CompletableFuture<Void> ack) {
        while (outstanding.size() >= limit) {
            await(outstanding.removeFirst());
        }
        outstanding.addLast(ack);
        sent++;
    }

    /**
     * Waits until the broker acknowledged every send added so far.
     *
     * @throws SendFailedException if any send of this window failed, also one whose failure was thrown
     *                             earlier (to a caller that may have swallowed it)
     */
    public synchronized void awaitAll() {
        while (!outstanding.isEmpty()) {
            await(outstanding.removeFirst());
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** How many sends were added in all. */
    public synchronized int sent() {
        return sent;
    }

    private void await(CompletableFuture<Void> ack) {
        if (failure != null) {
            throw failure;
        }
        try {
            ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(new SendFailedException("interrupted while waiting for the broker's acknowledgement", e));
        } catch (ExecutionException e) {
            throw failed(new SendFailedException("the broker did not acknowledge a send: "
                    + e.getCause().getClass().getName(), e.getCause()));
        } catch (TimeoutException e) {
            throw failed(new SendFailedException("no acknowledgement from the broker within " + timeout, e));
        }
    }

    /**
     * Waits for one send's acknowledgement.
     *
     * @throws SendFailedException when the broker refused it or did not answer within {@code timeout}
     */
    public static void awaitOne(CompletableFuture<Void> ack, Duration timeout) {
        SendWindow single = new SendWindow(1, timeout);
        single.add(ack);
        single.awaitAll();
    }

    private SendFailedException failed(SendFailedException e) {
        failure = e;
        return e;
    }

    /**
     * A send the broker did not acknowledge. Not a step failure: the request must not be acknowledged,
     * so that it is delivered again.
     */
    public static final class SendFailedException extends RuntimeException {
        public SendFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
