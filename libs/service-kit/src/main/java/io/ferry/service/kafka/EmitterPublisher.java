package io.ferry.service.kafka;

import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Publisher;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * A {@link Publisher} over SmallRye emitters, one outgoing channel per topic: a service names the emitter
 * of each topic it produces to. {@link #send} completes when the broker acknowledged the record;
 * {@link #sendBestEffort} (progress) only logs a lost record, by class, never content.
 */
public abstract class EmitterPublisher implements Publisher {

    private static final Logger LOG = Logger.getLogger(EmitterPublisher.class);

    /** The emitter of the topic, or null when the service does not produce to it. */
    protected abstract Emitter<String> emitterFor(String topic);

    @Override
    public CompletableFuture<Void> send(Envelope envelope) {
        Emitter<String> emitter = emitterFor(envelope.topic());
        if (emitter == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(getClass().getSimpleName()
                    + " does not produce to " + envelope.topic()));
        }
        return KafkaRecords.send(emitter, envelope);
    }

    @Override
    public void sendBestEffort(Envelope envelope) {
        send(envelope).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.debugf("best-effort send of %s lost: %s", envelope, failure.getClass().getName());
            }
        });
    }
}
