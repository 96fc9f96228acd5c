package io.ferry.extractor.messaging;

import io.ferry.contracts.Topics;
import io.ferry.service.kafka.EmitterPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends {@link Envelope}s through SmallRye emitters, one outgoing channel per topic (see
 * {@code application.properties}). {@link #send} returns a future that completes when the broker
 * acknowledged the record (the Kafka sink waits for the write) and fails when it did not; callers wait
 * for it before they acknowledge the request that caused the send. {@link #sendBestEffort} is for
 * progress: dropped when the producer is behind, failures only logged.
 */
@ApplicationScoped
public class KafkaPublisher extends EmitterPublisher {

    @Inject
    @Channel("batches-extracted")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<String> manifests;

    @Inject
    @Channel("extract-results")
    Emitter<String> extractResults;

    @Inject
    @Channel("preflight-results")
    Emitter<String> preflightResults;

    @Inject
    @Channel("catalog-results")
    Emitter<String> catalogResults;

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
            case Topics.BATCHES_EXTRACTED -> manifests;
            case Topics.EXTRACT_RESULTS -> extractResults;
            case Topics.PREFLIGHT_RESULTS -> preflightResults;
            case Topics.CATALOG_RESULTS -> catalogResults;
            case Topics.PROGRESS -> progress;
            default -> Topics.isDlq(topic) ? deadLetters : null;
        };
    }
}
