package io.ferry.anonymizer.messaging;

import io.ferry.contracts.Topics;
import io.ferry.service.kafka.EmitterPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends the anonymizer's records through SmallRye emitters, one outgoing channel per topic (see
 * {@code application.properties}): anonymized manifests, leak check results, progress (best effort) and
 * dead letters.
 */
@ApplicationScoped
public class AnonymizerPublisher extends EmitterPublisher {

    @Inject
    @Channel("batches-anonymized")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<String> manifests;

    @Inject
    @Channel("leakcheck-results")
    Emitter<String> leakCheckResults;

    @Inject
    @Channel("progress")
    @OnOverflow(OnOverflow.Strategy.DROP)
    Emitter<String> progress;

    /** One channel for every dead-letter topic: each record names its topic. */
    @Inject
    @Channel("dead-letters")
    Emitter<String> deadLetters;

    @Override
    protected Emitter<String> emitterFor(String topic) {
        return switch (topic) {
            case Topics.BATCHES_ANONYMIZED -> manifests;
            case Topics.LEAKCHECK_RESULTS -> leakCheckResults;
            case Topics.PROGRESS -> progress;
            default -> Topics.isDlq(topic) ? deadLetters : null;
        };
    }
}
