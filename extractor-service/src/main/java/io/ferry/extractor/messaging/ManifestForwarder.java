package io.ferry.extractor.messaging;

import io.ferry.contracts.Phase;
import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.Progress;
import io.ferry.extractor.extraction.ExtractionListener;
import io.ferry.extractor.metrics.ExtractorMetrics;
import io.ferry.service.messaging.Envelopes;
import io.ferry.service.messaging.Publisher;
import io.ferry.service.messaging.SendWindow;
import java.util.UUID;

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
    private final Publisher publisher;
    private final SendWindow window;
    private final ExtractorMetrics metrics;

    public ManifestForwarder(ExtractRequest request, UUID causationId, Publisher publisher, SendWindow window,
            ExtractorMetrics metrics) {
        this.request = request;
        this.causationId = causationId;
        this.publisher = publisher;
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
        window.add(publisher.send(Envelopes.ofAttempt(Topics.BATCHES_EXTRACTED, manifest, manifest.attempt(),
                manifest.runId(), causationId)));
        metrics.batchSent(manifest);
    }

    @Override
    public void progress(Progress progress) {
        try {
            publisher.sendBestEffort(Envelopes.progress(progress, request.attempt(), causationId));
        } catch (RuntimeException e) {
            // Best effort: a lost progress message changes nothing.
        }
    }
}
