package io.ferry.service.messaging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record to send: topic, key, JSON value and Ferry's headers, with no Kafka type, so what goes on
 * the wire is built and tested apart from the sending. The key is null only on a dead letter whose
 * record came without one.
 */
public record Envelope(String topic, String key, String value, Map<String, String> headers) {

    public Envelope {
        Objects.requireNonNull(topic, "topic");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** For logs: topic and key, never the value. */
    @Override
    public String toString() {
        return "Envelope[" + topic + " " + key + "]";
    }
}
