package io.ferry.service.messaging;

import java.util.concurrent.CompletableFuture;

/**
 * Puts {@link Envelope}s on the wire. Services implement it over their outgoing channels; the kit only
 * needs to know when the broker acknowledged a record, so it holds no Kafka type.
 */
public interface Publisher {

    /** Sends the record; the future completes once the broker acknowledged it and fails when it did not. */
    CompletableFuture<Void> send(Envelope envelope);

    /** Sends without waiting (progress): may be dropped when the producer is behind; a loss is only logged. */
    void sendBestEffort(Envelope envelope);
}
