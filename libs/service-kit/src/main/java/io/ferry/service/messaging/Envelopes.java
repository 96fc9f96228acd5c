package io.ferry.service.messaging;

import io.ferry.service.StepFailure;
import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.SchemaVersion;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.Progress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a service puts on the wire (DESIGN.md, Interfaces): the record key is {@link Message#key()}, the
 * value the message's JSON ({@link Json}), and the headers
 * <ul>
 *   <li>{@code ferry-message-id}: for results and manifests {@link MessageIds#forAttempt} of
 *       {@code {topic}/{key}} (the request's key, the batch id) and the attempt;</li>
 *   <li>{@code ferry-run-id}: the run, left out on messages of no run (catalog results);</li>
 *   <li>{@code ferry-schema-version}: {@link SchemaVersion#CURRENT};</li>
 *   <li>{@code ferry-causation-id}: the message id of the request that caused this one.</li>
 * </ul>
 */
public final class Envelopes {

    private Envelopes() {
    }

    /**
     * A result or manifest of attempt {@code attempt}: its id is derived from its topic, key and the attempt, so
     * a re-sent result or a re-written batch repeats the id and consumers drop the duplicate, while results of
     * different phases of one run (all keyed by the run id) stay distinct for a consumer of several topics.
     *
     * @param runId the run, or null for a message of no run
     */
    public static Envelope ofAttempt(String topic, Message message, int attempt, String runId, UUID causationId) {
        return of(topic, message, MessageIds.forAttempt(topic + "/" + message.key(), attempt), runId, causationId);
    }

    /**
     * A progress report of the attempt {@code attempt} of a request. Its id names the point reached
     * ({@code {runId}/progress/{phase}/{store}/{table}/{rowsDone}}), so a repeated report repeats the id.
     */
    public static Envelope progress(Progress progress, int attempt, UUID causationId) {
        String point = progress.runId() + "/progress/" + progress.phase().wireName() + "/"
                + (progress.store() == null ? "-" : progress.store()) + "/"
                + (progress.table() == null ? "-" : progress.table()) + "/" + progress.rowsDone();
        return of(Topics.PROGRESS, progress, MessageIds.forAttempt(point, attempt), progress.runId(), causationId);
    }

    /**
     * The record that could not be processed, as it came (key, value and headers), on
     * {@code <topic>.dlq} with {@code ferry-dlq-reason}: {@link Headers#dlqReason}, which carries a
     * message only for Ferry's value-free exceptions; for a {@link StepFailure} (sanitized by its thrower)
     * its class, kind, code and message, so the coordinator can tell why a batch was given up.
     */
    public static Envelope deadLetter(String topic, String key, String value, Map<String, String> headers,
            Throwable reason) {
        String text = reason instanceof StepFailure step
                ? step.getClass().getName() + ": " + step.failure().kind() + " " + step.failure().code() + ": "
                        + step.failure().message()
                : Headers.dlqReason(reason);
        Map<String, String> dlqHeaders = new LinkedHashMap<>(headers);
        dlqHeaders.put(Headers.DLQ_REASON, text);
        return new Envelope(Topics.dlq(topic), key, value, dlqHeaders);
    }

    /**
     * Any message with Ferry's headers.
     *
     * @param runId the run, or null for a message of no run
     */
    public static Envelope of(String topic, Message message, UUID messageId, String runId, UUID causationId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.MESSAGE_ID, messageId.toString());
        if (runId != null) {
            headers.put(Headers.RUN_ID, runId);
        }
        headers.put(Headers.SCHEMA_VERSION, SchemaVersion.CURRENT);
        headers.put(Headers.CAUSATION_ID, causationId.toString());
        return new Envelope(topic, message.key(), Json.toJson(message), headers);
    }
}
