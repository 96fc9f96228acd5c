package io.ferry.anonymizer.work;

import io.ferry.anonymizer.batch.BatchAnonymizer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that anonymize chunks of batches, shared by every batch the service works on at once
 * ({@code ferry.anonymizer.transform-threads}, by default one per core): a batch's own thread reads and writes it
 * while these transform it, so a single large batch keeps every core busy.
 */
public final class TransformPool implements AutoCloseable {

    private final int size;
    private final ExecutorService threads;

    /** @param size threads; 0 or less: one per available processor */
    public TransformPool(int size) {
        this.size = size > 0 ? size : Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(this.size,
                r -> Thread.ofPlatform().name("ferry-anonymizer-transform-" + n.incrementAndGet()).daemon().unstarted(r));
    }

    /** A batch anonymizer of the run's tools that hands its rows to this pool. */
    public BatchAnonymizer batchAnonymizer(RunTools tools) {
        return new BatchAnonymizer(tools.anonymizer(), tools.scrubber(), tools.leakKey(), threads, size);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
