package io.ferry.coordinator.messaging;

import io.ferry.service.kafka.EmitterPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Sends the outbox's records through one emitter: each record names its topic (commands to the phase services,
 * status changes on {@code ferry.runs.v1}), which overrides the channel's default.
 */
@ApplicationScoped
public class CoordinatorPublisher extends EmitterPublisher {

    @Inject
    @Channel("outbox")
    Emitter<String> outbox;

    @Override
    protected Emitter<String> emitterFor(String topic) {
        return outbox;
    }
}
