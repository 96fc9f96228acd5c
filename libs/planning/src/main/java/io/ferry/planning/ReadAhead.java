package io.ferry.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Asks a round's questions ahead of the engine: one reader thread per store asks that store's questions in
 * the round's order, each into a buffer of its own, while the engine takes the rows question by question in
 * the same order. The engine sees every row in the order it would have read them itself, so the closure is the
 * same; meanwhile the stores work on the next questions and the driver decodes rows on another core. A
 * store's session is only ever used by its one reader.
 */
final class ReadAhead implements AutoCloseable {
    /**
     * Rows handed over at once, and batches a question may hold before its reader waits. A round's larger questions
     * hold some ten thousand to a hundred thousand rows of a few columns: a store's reader that could buffer only a
     * few thousand waited for the engine to reach its question, so the stores answered one after the other.
     */
    private static final int BATCH = 256;
    private static final int BATCHES = 512;
    private static final Object END = new Object();

    /**
     * @param store which reader asks it
     * @param ask   runs on the reader: asks the store, giving each row to the sink
     * @param take  runs on the engine's thread for each row, in order
     * @param done  runs on the engine's thread after the last row
     */
    record Question(String store, Consumer<RowSource.RowSink> ask, RowSource.RowSink take, Runnable done) {
    }

    private record Failure(RuntimeException error) {
    }

    /** Thrown into a reader's source when the round was given up, to unwind its query. */
    private static final class GivenUp extends RuntimeException {
        GivenUp() {
            super(null, null, false, false);
        }
    }

    private final ExecutorService readers = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("closure-read-", 0).factory());
    private volatile boolean givenUp;

    /** Asks every question and hands its rows to {@code take}, in order; rethrows the first failure. */
    void run(List<Question> questions) {
        if (questions.isEmpty()) {
            return;
        }
        givenUp = false;
        List<BlockingQueue<Object>> buffers = new ArrayList<>();
        Map<String, List<Integer>> byStore = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            buffers.add(new ArrayBlockingQueue<>(BATCHES));
            byStore.computeIfAbsent(questions.get(i).store(), k -> new ArrayList<>()).add(i);
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<Integer> mine : byStore.values()) {
            running.add(readers.submit(() -> {
                for (int i : mine) {
                    if (!fill(questions.get(i), buffers.get(i))) {
                        return;
                    }
                }
            }));
        }
        try {
            for (int i = 0; i < questions.size(); i++) {
                drain(questions.get(i), buffers.get(i));
            }
        } catch (RuntimeException | Error e) {
            givenUp = true;
            awaitQuietly(running);
            throw e;
        }
        awaitQuietly(running);
    }

    /** Asks one question into its buffer; false when the round was given up or the question failed. */
    private boolean fill(Question q, BlockingQueue<Object> buffer) {
        List<Object[]> batch = new ArrayList<>(BATCH);
        try {
            q.ask().accept(row -> {
                batch.add(row);
                if (batch.size() == BATCH) {
                    put(buffer, new ArrayList<>(batch));
                    batch.clear();
                }
            });
            put(buffer, batch);
            put(buffer, END);
            return true;
        } catch (GivenUp e) {
            return false;
        } catch (RuntimeException e) {
            try {
                put(buffer, new Failure(e));
            } catch (GivenUp ignored) {
                // The engine stopped already.
            }
            return false;
        }
    }

    private void put(BlockingQueue<Object> buffer, Object item) {
        try {
            while (!buffer.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (givenUp) {
                    throw new GivenUp();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GivenUp();
        }
    }

    @SuppressWarnings("unchecked")
    private static void drain(Question q, BlockingQueue<Object> buffer) {
        while (true) {
            Object item;
            try {
                item = buffer.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClosureException("interrupted while reading the stores");
            }
            if (item == END) {
                q.done().run();
                return;
            }
            if (item instanceof Failure f) {
                throw f.error();
            }
            for (Object[] row : (List<Object[]>) item) {
                q.take().accept(row);
            }
        }
    }

    /** Readers finish their current query before the sessions are used again (or closed). */
    private static void awaitQuietly(List<Future<?>> running) {
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // Reported through the buffer.
            }
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
