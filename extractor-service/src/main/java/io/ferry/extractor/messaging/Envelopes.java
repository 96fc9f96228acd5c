package io.ferry.extractor.messaging;

import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.SchemaVersion;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CatalogResult;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.Progress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the extractor puts on the wire (DESIGN.md, Interfaces): the record key is {@link Message#key()},
 * the value the message's JSON ({@link Json}), and the headers
 * <ul>
 *   <li>{@code ferry-message-id}: {@link MessageIds#forAttempt} of the batch id (manifests) or the
 *       request's key (results), and the attempt;</li>
 *   <li>{@code ferry-run-id}: the run, left out on catalog results, which belong to no run;</li>
 *   <li>{@code ferry-schema-version}: {@link SchemaVersion#CURRENT};</li>
 *   <li>{@code ferry-causation-id}: the message id of the request that caused this one.</li>
 * </ul>
 */
public final class Envelopes {

    private Envelopes() {
    }

    public static Envelope manifest(BatchManifest manifest, UUID causationId) {
        return envelope(Topics.BATCHES_EXTRACTED, manifest, MessageIds.forAttempt(manifest.batchId(), manifest.attempt()),
                manifest.runId(), causationId);
    }

    public static Envelope extractResult(ExtractResult result, UUID causationId) {
        return envelope(Topics.EXTRACT_RESULTS, result, MessageIds.forAttempt(result.key(), result.attempt()),
                result.runId(), causationId);
    }

    public static Envelope preflightResult(PreflightResult result, UUID causationId) {
        return envelope(Topics.PREFLIGHT_RESULTS, result, MessageIds.forAttempt(result.key(), result.attempt()),
                result.runId(), causationId);
    }

    public static Envelope catalogResult(CatalogResult result, UUID causationId) {
        return envelope(Topics.CATALOG_RESULTS, result, MessageIds.forAttempt(result.key(), result.attempt()),
                null, causationId);
    }

    /**
     * A progress report of the attempt {@code attempt} of a request. Its id names the point reached
     * ({@code {runId}/progress/{phase}/{store}/{table}/{rowsDone}}), so a repeated report repeats the id.
     */
    public static Envelope progress(Progress progress, int attempt, UUID causationId) {
        String point = progress.runId() + "/progress/" + progress.phase().wireName() + "/"
                + (progress.store() == null ? "-" : progress.store()) + "/"
                + (progress.table() == null ? "-" : progress.table()) + "/" + progress.rowsDone();
        return envelope(Topics.PROGRESS, progress, MessageIds.forAttempt(point, attempt), progress.runId(), causationId);
    }

    /**
     * The record that could not be processed, as it came (key, value and headers), on
     * {@code <topic>.dlq} with {@code ferry-dlq-reason}: {@link Headers#dlqReason}, which carries a
     * message only for Ferry's value-free exceptions.
     */
    public static Envelope deadLetter(String topic, String key, String value, Map<String, String> headers,
            Throwable reason) {
        Map<String, String> dlqHeaders = new LinkedHashMap<>(headers);
        dlqHeaders.put(Headers.DLQ_REASON, Headers.dlqReason(reason));
        return new Envelope(Topics.dlq(topic), key, value, dlqHeaders);
    }

    private static Envelope envelope(String topic, Message message, UUID messageId, String runId, UUID causationId) {
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
