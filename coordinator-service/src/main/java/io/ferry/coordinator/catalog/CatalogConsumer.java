package io.ferry.coordinator.catalog;

import io.ferry.contracts.Json;
import io.ferry.contracts.messages.CatalogResult;
import io.ferry.service.kafka.KafkaRecords;
import io.ferry.service.messaging.InboundRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Catalog answers, read by every coordinator instance (a group of its own): the instance that asked completes. */
@ApplicationScoped
public class CatalogConsumer {

    private static final Logger LOG = Logger.getLogger(CatalogConsumer.class);

    private final CatalogClient client;

    public CatalogConsumer(CatalogClient client) {
        this.client = client;
    }

    @Incoming("catalog")
    public CompletionStage<Void> onRecord(Message<String> record) {
        InboundRecord inbound = KafkaRecords.inbound(record);
        try {
            client.answered(Json.fromJson(inbound.value(), CatalogResult.class));
        } catch (RuntimeException e) {
            LOG.warnf("%s: passed over (%s)", inbound, e.getClass().getName());
        }
        return record.ack();
    }
}
