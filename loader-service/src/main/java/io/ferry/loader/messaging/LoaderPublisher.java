package io.ferry.loader.messaging;

import io.ferry.contracts.Topics;
import io.ferry.service.kafka.EmitterPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends the loader's records through SmallRye emitters, one outgoing channel per topic (see
 * {@code application.properties}): load and compensation results, progress (best effort) and dead letters.
 */
@ApplicationScoped
public class LoaderPublisher extends EmitterPublisher {

    @Inject
    @Channel("load-results")
    Emitter<String> loadResults;

    @Inject
    @Channel("compensate-results")
    Emitter<String> compensateResults;

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
            case Topics.LOAD_RESULTS -> loadResults;
            case Topics.COMPENSATE_RESULTS -> compensateResults;
            case Topics.PROGRESS -> progress;
            default -> Topics.isDlq(topic) ? deadLetters : null;
        };
    }
}
