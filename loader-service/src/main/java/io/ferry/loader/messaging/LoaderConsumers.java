package io.ferry.loader.messaging;

import io.ferry.service.kafka.KafkaRecords;
import io.ferry.service.messaging.Command;
import io.ferry.service.messaging.CommandProcessor;
import io.ferry.service.messaging.InboundRecord;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The input topics, load and compensate requests. Each request is handled on a worker of the {@value #WORK_POOL}
 * pool ({@code smallrye.messaging.worker.ferry-loader-work.max-concurrency}: several stores at once, taken in the
 * order they arrive; {@link io.ferry.loader.work.WriteLocks} keep two loads of one store, and a compensation and any
 * load, apart; more instances scale out) and
 * acknowledged only after its result was acknowledged by the broker; the throttled commit strategy then commits
 * its offset. A request whose result was not acknowledged is nacked, which stops the channel (failure strategy
 * {@code fail}) and marks the service unhealthy rather than committing past lost work; after a restart it is
 * delivered again.
 */
@ApplicationScoped
public class LoaderConsumers {

    /** Worker pool of request handling; its size bounds how many stores are written at once. */
    public static final String WORK_POOL = "ferry-loader-work";

    private static final Logger LOG = Logger.getLogger(LoaderConsumers.class);

    private final CommandProcessor processor;
    private final LoadCommand load;
    private final CompensateCommand compensate;

    public LoaderConsumers(CommandProcessor processor, LoadCommand load, CompensateCommand compensate) {
        this.processor = processor;
        this.load = load;
        this.compensate = compensate;
    }

    @Incoming("load-requests")
    @Blocking(value = WORK_POOL, ordered = false)
    public CompletionStage<Void> onLoadRequest(Message<String> record) {
        return handle(record, load);
    }

    @Incoming("compensate-requests")
    @Blocking(value = WORK_POOL, ordered = false)
    public CompletionStage<Void> onCompensateRequest(Message<String> record) {
        return handle(record, compensate);
    }

    private CompletionStage<Void> handle(Message<String> record, Command<?, ?> command) {
        InboundRecord inbound = KafkaRecords.inbound(record);
        try {
            processor.handle(inbound, command);
            return record.ack();
        } catch (RuntimeException e) {
            LOG.errorf("%s: not acknowledged, it will be delivered again: %s", inbound, e.getClass().getName());
            return record.nack(e);
        }
    }
}
