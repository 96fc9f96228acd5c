package io.ferry.validator.messaging;

import io.ferry.contracts.Topics;
import io.ferry.service.kafka.EmitterPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends the validator's records through SmallRye emitters, one outgoing channel per topic (see
 * {@code application.properties}): validation and verify results, progress (best effort) and dead letters.
 */
@ApplicationScoped
public class ValidatorPublisher extends EmitterPublisher {

    @Inject
    @Channel("validate-results")
    Emitter<String> results;

    @Inject
    @Channel("verify-results")
    Emitter<String> verifyResults;

    @Inject
    @Channel("progress")
    @OnOverflow(OnOverflow.Strategy.DROP)
    Emitter<String> progress;

    /** Unreadable requests, as they came, on {@code <input topic>.dlq} (each record names its topic). */
    @Inject
    @Channel("dead-letters")
    Emitter<String> deadLetters;

    @Override
    protected Emitter<String> emitterFor(String topic) {
        return switch (topic) {
            case Topics.VALIDATE_RESULTS -> results;
            case Topics.VERIFY_RESULTS -> verifyResults;
            case Topics.PROGRESS -> progress;
            default -> Topics.isDlq(topic) ? deadLetters : null;
        };
    }
}
