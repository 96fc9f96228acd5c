package io.ferry.coordinator.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.CatalogKind;
import io.ferry.contracts.messages.CatalogRequest;
import io.ferry.contracts.messages.CatalogResult;
import io.ferry.coordinator.runs.StagedSpec;
import io.ferry.service.messaging.Envelopes;
import io.ferry.service.messaging.Publisher;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Questions about PROD for the extractor, the only service that can read it (districts, the schema, a district's
 * plan): a catalog request with a fresh id, and the answer with that id awaited. Not part of any run, so no
 * outbox: a lost question is asked again by the caller.
 */
public final class CatalogClient {

    private final Publisher publisher;
    private final StagedSpec spec;
    private final Duration timeout;
    private final Map<String, CompletableFuture<CatalogResult>> waiting = new ConcurrentHashMap<>();

    public CatalogClient(Publisher publisher, StagedSpec spec, Duration timeout) {
        this.publisher = publisher;
        this.spec = spec;
        this.timeout = timeout;
    }

    /**
     * @param district the district to plan; null for districts and schema
     * @throws CatalogUnavailableException the extractor did not answer in time, or answered with a failure
     */
    public JsonNode ask(CatalogKind kind, String district) {
        String requestId = "catalog-" + UUID.randomUUID();
        CompletableFuture<CatalogResult> answer = new CompletableFuture<>();
        waiting.put(requestId, answer);
        try {
            CatalogRequest request = new CatalogRequest(requestId, kind, spec.stage().hash(), 1, district);
            UUID id = MessageIds.forAttempt(requestId, 1);
            publisher.send(Envelopes.of(Topics.CATALOG_REQUESTS, request, id, null, id)).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            CatalogResult result = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (result.failure() != null) {
                throw new CatalogUnavailableException("the extractor could not answer the " + kind.name().toLowerCase()
                        + " request: " + result.failure().code() + ": " + result.failure().message(), false);
            }
            return result.payload();
        } catch (TimeoutException e) {
            throw new CatalogUnavailableException("the extractor did not answer the " + kind.name().toLowerCase()
                    + " request within " + timeout.toSeconds() + " s: is it running?", true);
        } catch (ExecutionException e) {
            throw new CatalogUnavailableException("the " + kind.name().toLowerCase() + " request could not be sent ("
                    + e.getCause().getClass().getSimpleName() + ")", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogUnavailableException("interrupted while waiting for the extractor", true);
        } finally {
            waiting.remove(requestId);
        }
    }

    /** An answer came: the question waiting for it, if this instance asked it, has it now. */
    public void answered(CatalogResult result) {
        CompletableFuture<CatalogResult> answer = waiting.get(result.requestId());
        if (answer != null) {
            answer.complete(result);
        }
    }
}
