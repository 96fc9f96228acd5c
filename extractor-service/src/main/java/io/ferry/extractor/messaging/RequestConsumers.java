package io.ferry.extractor.messaging;

import io.ferry.service.messaging.Command;
import io.ferry.service.messaging.CommandProcessor;
import io.ferry.service.messaging.InboundRecord;
import io.ferry.service.kafka.KafkaRecords;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The three request topics. Each record is handled on a worker of the {@value #WORK_POOL} pool
 * ({@code smallrye.messaging.worker.ferry-extractor-work.max-concurrency}), unordered, so a long
 * extraction does not hold up a preflight or another store. A record is acknowledged only after
 * {@link CommandProcessor#handle} returned, that is after the broker acknowledged every record sent
 * because of it; the throttled commit strategy then commits its offset once every earlier record of its
 * partition is acknowledged too. If a send was not acknowledged the record is nacked, which (failure
 * strategy {@code fail}) stops the channel and marks the service unhealthy rather than committing past
 * work whose outputs may be lost; after a restart the record is delivered again.
 */
@ApplicationScoped
public class RequestConsumers {

    /** Worker pool of request handling; its size bounds how many requests run at once. */
    public static final String WORK_POOL = "ferry-extractor-work";

    private static final Logger LOG = Logger.getLogger(RequestConsumers.class);

    private final CommandProcessor processor;
    private final ExtractCommand extract;
    private final PreflightCommand preflight;
    private final CatalogCommand catalog;

    public RequestConsumers(CommandProcessor processor, ExtractCommand extract, PreflightCommand preflight,
            CatalogCommand catalog) {
        this.processor = processor;
        this.extract = extract;
        this.preflight = preflight;
        this.catalog = catalog;
    }

    @Incoming("extract-requests")
    @Blocking(value = WORK_POOL, ordered = false)
    public CompletionStage<Void> onExtractRequest(Message<String> record) {
        return handle(record, extract);
    }

    @Incoming("preflight-requests")
    @Blocking(value = WORK_POOL, ordered = false)
    public CompletionStage<Void> onPreflightRequest(Message<String> record) {
        return handle(record, preflight);
    }

    @Incoming("catalog-requests")
    @Blocking(value = WORK_POOL, ordered = false)
    public CompletionStage<Void> onCatalogRequest(Message<String> record) {
        return handle(record, catalog);
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
