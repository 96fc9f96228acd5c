package io.ferry.service.messaging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A consumed record as the service sees it: where it came from, its key, its value as text and its
 * headers as UTF-8 strings. No Kafka type, so reading a request is tested without a broker.
 */
public record InboundRecord(String topic, int partition, long offset, String key, String value,
        Map<String, String> headers) {

    public InboundRecord {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** For logs: where the record is, never its value. */
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
