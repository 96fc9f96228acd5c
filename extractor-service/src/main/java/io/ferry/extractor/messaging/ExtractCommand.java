package io.ferry.extractor.messaging;

import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.Failure;
import io.ferry.extractor.extraction.ExtractionSettings;
import io.ferry.extractor.extraction.StoreExtractor;
import io.ferry.extractor.metrics.ExtractorMetrics;
import io.ferry.service.messaging.Command;
import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Envelopes;
import io.ferry.service.messaging.InboundCommand;
import io.ferry.service.messaging.SendWindow;
import io.ferry.service.messaging.StoredResults;
import io.ferry.service.spec.LoadedSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code ferry.extract.requests.v1} → manifests on {@code ferry.batches.extracted.v1}, then the store's
 * {@link ExtractResult} on {@code ferry.extract.results.v1}. The raw-file key must be configured before
 * any batch is written.
 */
@ApplicationScoped
public class ExtractCommand implements Command<ExtractRequest, ExtractResult> {

    private final StoreExtractor extractor;
    private final KafkaPublisher publisher;
    private final ExtractorMetrics metrics;
    private final ExtractionSettings settings;

    public ExtractCommand(StoreExtractor extractor, KafkaPublisher publisher, ExtractorMetrics metrics,
            ExtractionSettings settings) {
        this.extractor = extractor;
        this.publisher = publisher;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "extract";
    }

    @Override
    public Class<ExtractRequest> requestType() {
        return ExtractRequest.class;
    }

    @Override
    public Class<ExtractResult> resultType() {
        return ExtractResult.class;
    }

    @Override
    public String runIdOf(ExtractRequest request) {
        return request.runId();
    }

    @Override
    public String specHashOf(ExtractRequest request) {
        return request.specHash();
    }

    @Override
    public Optional<StoredResults.Ref> storedAs(ExtractRequest request) {
        return Optional.of(new StoredResults.Ref(name(), request.runId(), request.store(), request.attempt()));
    }

    @Override
    public ExtractResult run(InboundCommand<ExtractRequest> command, LoadedSpec spec, SendWindow window) {
        ExtractRequest request = command.request();
        settings.rawKey().load();
        ManifestForwarder listener = new ManifestForwarder(request, command.messageId(), publisher, window, metrics);
        ExtractResult result = extractor.extract(request, spec, listener);
        if (result == null || !result.runId().equals(request.runId()) || !result.store().equals(request.store())
                || result.attempt() != request.attempt() || !result.specHash().equals(request.specHash())) {
            throw new IllegalStateException("the extraction returned a result of another request");
        }
        return result;
    }

    @Override
    public ExtractResult failed(ExtractRequest request, Failure failure) {
        return new ExtractResult(request.runId(), request.specHash(), request.attempt(), request.store(), List.of(),
                null, List.of(), List.of(), failure);
    }

    @Override
    public Failure failureOf(ExtractResult result) {
        return result.failure();
    }

    @Override
    public Envelope envelope(ExtractResult result, UUID causationId) {
        return Envelopes.ofAttempt(Topics.EXTRACT_RESULTS, result, result.attempt(), result.runId(), causationId);
    }

    @Override
    public void finished(ExtractRequest request, Duration took) {
        metrics.extractionTook(request.store(), took);
    }
}
