package io.ferry.loader.messaging;

import io.ferry.contracts.Phase;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.LoadRequest;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.Progress;
import io.ferry.loader.metrics.LoaderMetrics;
import io.ferry.loader.work.LoadJob;
import io.ferry.loader.work.WriteLocks;
import io.ferry.service.messaging.Command;
import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Envelopes;
import io.ferry.service.messaging.InboundCommand;
import io.ferry.service.messaging.Publisher;
import io.ferry.service.messaging.SendWindow;
import io.ferry.service.messaging.StoredResults;
import io.ferry.service.spec.LoadedSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * {@code ferry.load.requests.v1} → {@link LoadResult} on {@code ferry.load.results.v1}: one store of a run loaded
 * into CERT in one transaction ({@link LoadJob}). The result is stored, so a redelivery re-sends it; should the
 * loader stop between commit and storing it, the redelivered request finds the run committed in the store and
 * answers with the counts the store recorded. A load that cannot run is a result carrying the {@link Failure}
 * and no counts: the store's transaction was rolled back. One best-effort progress report per load.
 */
public final class LoadCommand implements Command<LoadRequest, LoadResult> {

    private static final Logger LOG = Logger.getLogger(LoadCommand.class);

    private final Supplier<LoadJob> jobs;
    private final WriteLocks locks;
    private final LoaderMetrics metrics;
    private final Publisher publisher;
    private final Clock clock;

    public LoadCommand(Supplier<LoadJob> jobs, WriteLocks locks, LoaderMetrics metrics, Publisher publisher,
            Clock clock) {
        this.jobs = jobs;
        this.locks = locks;
        this.metrics = metrics;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "load";
    }

    @Override
    public Class<LoadRequest> requestType() {
        return LoadRequest.class;
    }

    @Override
    public Class<LoadResult> resultType() {
        return LoadResult.class;
    }

    @Override
    public String runIdOf(LoadRequest request) {
        return request.runId();
    }

    @Override
    public String specHashOf(LoadRequest request) {
        return request.specHash();
    }

    @Override
    public Optional<StoredResults.Ref> storedAs(LoadRequest request) {
        return Optional.of(new StoredResults.Ref(name(), request.runId(), request.store(), request.attempt()));
    }

    @Override
    public LoadResult run(InboundCommand<LoadRequest> command, LoadedSpec spec, SendWindow window) {
        LoadRequest request = command.request();
        LoadJob job = jobs.get();
        long[] start = new long[1];
        LoadResult result = locks.load(request.store(), () -> {
            start[0] = System.nanoTime();
            return job.load(request, spec);
        });
        double seconds = Math.max((System.nanoTime() - start[0]) / 1e9, 1e-3);
        long written = result.tables().stream().mapToLong(t -> t.inserted() + t.updated()).sum();
        if (job.loadedBefore()) {
            LOG.infof("load %s store %s attempt %d: committed before, answered from the store's record", request.runId(),
                    request.store(), request.attempt());
            return result;
        }
        metrics.loaded(result);
        progress(request, job.rows(), seconds, command.messageId());
        LOG.infof("load %s store %s attempt %d: %d table(s), %d of %d staged rows written in %.1f s (%.0f rows/s; %s)",
                request.runId(), request.store(), request.attempt(), result.tables().size(), written, job.rows(), seconds,
                job.rows() / seconds, job.steps());
        return result;
    }

    @Override
    public LoadResult failed(LoadRequest request, Failure failure) {
        return new LoadResult(request.runId(), request.specHash(), request.attempt(), request.store(), List.of(), failure);
    }

    @Override
    public Failure failureOf(LoadResult result) {
        return result.failure();
    }

    /** Keyed by run as DESIGN.md says; the message id names the store, since one run has a result per store. */
    @Override
    public Envelope envelope(LoadResult result, UUID causationId) {
        return Envelopes.of(Topics.LOAD_RESULTS, result, MessageIds.forAttempt(result.runId() + "/load/" + result.store(),
                result.attempt()), result.runId(), causationId);
    }

    @Override
    public void finished(LoadRequest request, Duration took) {
        metrics.tookToLoad(took);
    }

    /** The store's rows as loaded; best effort: a lost progress message changes nothing. */
    private void progress(LoadRequest request, long rows, double seconds, UUID causationId) {
        try {
            publisher.sendBestEffort(Envelopes.progress(new Progress(request.runId(), Phase.LOAD, request.store(), null,
                    rows, rows, rows / seconds, clock.instant()), request.attempt(), causationId));
        } catch (RuntimeException e) {
            LOG.debugf("progress of load %s not sent: %s", request.runId(), e.getClass().getName());
        }
    }
}
