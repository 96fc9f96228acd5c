package io.ferry.service.kafka;

import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.InboundRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The two places where a service meets SmallRye's Kafka types: an incoming record becomes an
 * {@link InboundRecord}, an {@link Envelope} is sent through an emitter with its topic, key and headers.
 */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /** The record as the kit reads it: topic, partition, offset, key, value and headers as UTF-8 text. */
    @SuppressWarnings("unchecked")
    public static InboundRecord inbound(Message<String> record) {
        IncomingKafkaRecordMetadata<String, String> metadata = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a request must come from Kafka"));
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : metadata.getHeaders()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new InboundRecord(metadata.getTopic(), metadata.getPartition(), metadata.getOffset(), metadata.getKey(),
                record.getPayload(), headers);
    }

    /**
     * Sends the envelope through the emitter (to the envelope's topic, whatever the channel's default); the
     * future completes once the broker acknowledged the record and fails when it did not.
     */
    public static CompletableFuture<Void> send(Emitter<String> emitter, Envelope envelope) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of(envelope.value(), Metadata.of(metadata(envelope)),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private static OutgoingKafkaRecordMetadata<String> metadata(Envelope envelope) {
        List<RecordHeader> headers = envelope.headers().entrySet().stream()
                .map(e -> new RecordHeader(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)))
                .toList();
        return OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(envelope.topic())
                .withKey(envelope.key())
                .withHeaders(headers)
                .build();
    }
}
