package io.ferry.loader.messaging;

import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.CompensationStatus;
import io.ferry.contracts.messages.Failure;
import io.ferry.loader.metrics.LoaderMetrics;
import io.ferry.loader.work.CompensationJob;
import io.ferry.loader.work.WriteLocks;
import io.ferry.service.messaging.Command;
import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Envelopes;
import io.ferry.service.messaging.InboundCommand;
import io.ferry.service.messaging.SendWindow;
import io.ferry.service.messaging.StoredResults;
import io.ferry.service.spec.LoadedSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * {@code ferry.compensate.requests.v1} → {@link CompensateResult} on {@code ferry.compensate.results.v1}: the run
 * taken back out of every CERT store ({@link CompensationJob}). Results are not stored: CERT itself remembers a
 * compensation (a redelivery finds the stores taken out and reports the proof kept then), and a rollback may come
 * long after the run's staging folder expired. The request's reason is the coordinator's audit; it is logged.
 */
public final class CompensateCommand implements Command<CompensateRequest, CompensateResult> {

    private static final Logger LOG = Logger.getLogger(CompensateCommand.class);

    private final Supplier<CompensationJob> jobs;
    private final WriteLocks locks;
    private final LoaderMetrics metrics;

    public CompensateCommand(Supplier<CompensationJob> jobs, WriteLocks locks, LoaderMetrics metrics) {
        this.jobs = jobs;
        this.locks = locks;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "compensate";
    }

    @Override
    public Class<CompensateRequest> requestType() {
        return CompensateRequest.class;
    }

    @Override
    public Class<CompensateResult> resultType() {
        return CompensateResult.class;
    }

    @Override
    public String runIdOf(CompensateRequest request) {
        return request.runId();
    }

    @Override
    public String specHashOf(CompensateRequest request) {
        return request.specHash();
    }

    @Override
    public Optional<StoredResults.Ref> storedAs(CompensateRequest request) {
        return Optional.empty();
    }

    @Override
    public CompensateResult run(InboundCommand<CompensateRequest> command, LoadedSpec spec, SendWindow window) {
        CompensateRequest request = command.request();
        CompensationJob job = jobs.get();
        CompensateResult result = locks.compensate(() -> job.compensate(request, spec));
        metrics.compensated(result);
        LOG.infof("compensate %s attempt %d (%s%s): %s, %d store(s), %d row(s) deleted or restored, %d blocked or"
                + " forced row(s)", request.runId(), request.attempt(), request.reason(), request.force() ? ", forced" : "",
                result.status(), result.after().size(), job.rowsTakenOut(), result.blocked().size());
        return result;
    }

    @Override
    public CompensateResult failed(CompensateRequest request, Failure failure) {
        return new CompensateResult(request.runId(), request.specHash(), request.attempt(), CompensationStatus.FAILED,
                Map.of(), Map.of(), List.of(), failure);
    }

    @Override
    public Failure failureOf(CompensateResult result) {
        return result.failure();
    }

    @Override
    public Envelope envelope(CompensateResult result, UUID causationId) {
        return Envelopes.ofAttempt(Topics.COMPENSATE_RESULTS, result, result.attempt(), result.runId(), causationId);
    }

    @Override
    public void finished(CompensateRequest request, Duration took) {
        metrics.tookToCompensate(took);
    }
}
