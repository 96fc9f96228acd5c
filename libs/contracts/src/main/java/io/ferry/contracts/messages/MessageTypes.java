package io.ferry.contracts.messages;

import io.ferry.contracts.Topics;
import java.util.Map;

/**
 * Which record each topic carries, so a consumer (or a test) can read any Ferry topic, dead-letter
 * topics included. Kept here rather than in {@link Topics} so topic names depend on nothing.
 */
public final class MessageTypes {

    private static final Map<String, Class<? extends Message>> BY_TOPIC = Map.ofEntries(
            Map.entry(Topics.PREFLIGHT_REQUESTS, PreflightRequest.class),
            Map.entry(Topics.PREFLIGHT_RESULTS, PreflightResult.class),
            Map.entry(Topics.EXTRACT_REQUESTS, ExtractRequest.class),
            Map.entry(Topics.EXTRACT_RESULTS, ExtractResult.class),
            Map.entry(Topics.BATCHES_EXTRACTED, BatchManifest.class),
            Map.entry(Topics.BATCHES_ANONYMIZED, BatchManifest.class),
            Map.entry(Topics.LEAKCHECK_REQUESTS, LeakCheckRequest.class),
            Map.entry(Topics.LEAKCHECK_RESULTS, LeakCheckResult.class),
            Map.entry(Topics.VALIDATE_REQUESTS, ValidateRequest.class),
            Map.entry(Topics.VALIDATE_RESULTS, ValidateResult.class),
            Map.entry(Topics.LOAD_REQUESTS, LoadRequest.class),
            Map.entry(Topics.LOAD_RESULTS, LoadResult.class),
            Map.entry(Topics.COMPENSATE_REQUESTS, CompensateRequest.class),
            Map.entry(Topics.COMPENSATE_RESULTS, CompensateResult.class),
            Map.entry(Topics.VERIFY_REQUESTS, VerifyRequest.class),
            Map.entry(Topics.VERIFY_RESULTS, VerifyResult.class),
            Map.entry(Topics.CATALOG_REQUESTS, CatalogRequest.class),
            Map.entry(Topics.CATALOG_RESULTS, CatalogResult.class),
            Map.entry(Topics.PROGRESS, Progress.class),
            Map.entry(Topics.RUNS, RunStatusChanged.class));

    private MessageTypes() {
    }

    /** The record carried on {@code topic}; a {@code .dlq} topic carries its topic's record. */
    public static Class<? extends Message> forTopic(String topic) {
        return BY_TOPIC.get(Topics.baseOf(topic));
    }
}
