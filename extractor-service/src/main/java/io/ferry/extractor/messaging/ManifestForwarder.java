package io.ferry.extractor.messaging;

import io.ferry.contracts.Phase;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.Progress;
import io.ferry.extractor.extraction.ExtractionListener;
import io.ferry.extractor.metrics.ExtractorMetrics;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link ExtractionListener} of one extract request: each manifest goes to
 * {@code ferry.batches.extracted.v1} at once and its acknowledgement joins the request's
 * {@link SendWindow}, which the caller drains before the result is sent; progress goes out best effort.
 * Refuses a manifest of another run, store or attempt, or of another phase: that is a bug in the
 * extraction, and its result must not claim batches it does not own.
 */
public final class ManifestForwarder implements ExtractionListener {

    private final ExtractRequest request;
    private final UUID causationId;
    private final Function<Envelope, CompletableFuture<Void>> send;
    private final Consumer<Envelope> sendBestEffort;
    private final SendWindow window;
    private final ExtractorMetrics metrics;

    public ManifestForwarder(ExtractRequest request, UUID causationId,
            Function<Envelope, CompletableFuture<Void>> send, Consumer<Envelope> sendBestEffort,
            SendWindow window, ExtractorMetrics metrics) {
        this.request = request;
        this.causationId = causationId;
        this.send = send;
        this.sendBestEffort = sendBestEffort;
        this.window = window;
        this.metrics = metrics;
    }

    @Override
    public void batch(BatchManifest manifest) {
        if (manifest.phase() != Phase.EXTRACT || !manifest.runId().equals(request.runId())
                || !manifest.store().equals(request.store()) || manifest.attempt() != request.attempt()
                || !manifest.specHash().equals(request.specHash())) {
            throw new IllegalStateException("a manifest must be of the request's run, store, spec, attempt and "
                    + "the extract phase");
        }
        window.add(send.apply(Envelopes.manifest(manifest, causationId)));
        metrics.batchSent(manifest);
    }

    @Override
    public void progress(Progress progress) {
        try {
            sendBestEffort.accept(Envelopes.progress(progress, request.attempt(), causationId));
        } catch (RuntimeException e) {
            // Best effort: a lost progress message changes nothing.
        }
    }
}
