package io.ferry.anonymizer.messaging;

import io.ferry.service.kafka.KafkaRecords;
import io.ferry.service.messaging.CommandProcessor;
import io.ferry.service.messaging.InboundRecord;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The two input topics. Each record is handled on a worker of the {@value #WORK_POOL} pool
 * ({@code smallrye.messaging.worker.ferry-anonymizer-work.max-concurrency}, about one per core), unordered,
 * and acknowledged only after everything sent because of it was acknowledged by the broker; the throttled
 * commit strategy then commits its offset. A record whose outputs were not acknowledged is nacked, which
 * stops the channel (failure strategy {@code fail}) and marks the service unhealthy rather than committing
 * past lost work; after a restart it is delivered again.
 */
@ApplicationScoped
public class AnonymizerConsumers {

    /** Worker pool of record handling; its size bounds how many batches are anonymized at once. */
    public static final String WORK_POOL = "ferry-anonymizer-work";

    private static final Logger LOG = Logger.getLogger(AnonymizerConsumers.class);

    private final BatchHandler batches;
    private final CommandProcessor processor;
    private final LeakCheckCommand leakCheck;

    public AnonymizerConsumers(BatchHandler batches, CommandProcessor processor, LeakCheckCommand leakCheck) {
        this.batches = batches;
        this.processor = processor;
        this.leakCheck = leakCheck;
    }

    @Incoming("batches-extracted")
    @Blocking(value = WORK_POOL, ordered = false)
    public CompletionStage<Void> onExtractedBatch(Message<String> record) {
        return handle(record, batches::handle);
    }

    @Incoming("leakcheck-requests")
    @Blocking(value = WORK_POOL, ordered = false)
    public CompletionStage<Void> onLeakCheckRequest(Message<String> record) {
        return handle(record, inbound -> processor.handle(inbound, leakCheck));
    }

    private CompletionStage<Void> handle(Message<String> record, java.util.function.Consumer<InboundRecord> work) {
        InboundRecord inbound = KafkaRecords.inbound(record);
        try {
            work.accept(inbound);
            return record.ack();
        } catch (RuntimeException e) {
            LOG.errorf("%s: not acknowledged, it will be delivered again: %s", inbound, e.getClass().getName());
            return record.nack(e);
        }
    }
}
