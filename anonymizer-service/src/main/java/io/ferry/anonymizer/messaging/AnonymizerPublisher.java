package io.ferry.anonymizer.messaging;

import io.ferry.contracts.Topics;
import io.ferry.service.kafka.KafkaRecords;
import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Publisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Sends the anonymizer's records through SmallRye emitters, one outgoing channel per topic (see
 * {@code application.properties}): anonymized manifests, leak check results, progress (best effort) and
 * dead letters. {@link #send} completes when the broker acknowledged the record.
 */
@ApplicationScoped
public class AnonymizerPublisher implements Publisher {

    private static final Logger LOG = Logger.getLogger(AnonymizerPublisher.class);

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
    public CompletableFuture<Void> send(Envelope envelope) {
        Emitter<String> emitter = switch (envelope.topic()) {
            case Topics.BATCHES_ANONYMIZED -> manifests;
            case Topics.LEAKCHECK_RESULTS -> leakCheckResults;
            case Topics.PROGRESS -> progress;
            default -> Topics.isDlq(envelope.topic()) ? deadLetters : null;
        };
        if (emitter == null) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("the anonymizer does not produce to " + envelope.topic()));
        }
        return KafkaRecords.send(emitter, envelope);
    }

    /** Sends without waiting; a lost record is only logged (by class, never content). */
    @Override
    public void sendBestEffort(Envelope envelope) {
        send(envelope).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.debugf("best-effort send of %s lost: %s", envelope, failure.getClass().getName());
            }
        });
    }
}
