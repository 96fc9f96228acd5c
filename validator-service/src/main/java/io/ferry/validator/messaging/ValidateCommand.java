package io.ferry.validator.messaging;

import io.ferry.contracts.Phase;
import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.Progress;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.ValidationStatus;
import io.ferry.service.messaging.Command;
import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Envelopes;
import io.ferry.service.messaging.InboundCommand;
import io.ferry.service.messaging.Publisher;
import io.ferry.service.messaging.SendWindow;
import io.ferry.service.messaging.StoredResults;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.validator.metrics.ValidatorMetrics;
import io.ferry.validator.work.ValidationJob;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * {@code ferry.validate.requests.v1} → {@link ValidateResult} on {@code ferry.validate.results.v1}: the run's
 * anonymized batches checked against CERT ({@link ValidationJob}). The result is stored, so a redelivery
 * re-sends it instead of validating again; a validation that cannot run is a {@code FAILED} result carrying
 * the {@link Failure}. One best-effort progress report per validation (rows read).
 */
public final class ValidateCommand implements Command<ValidateRequest, ValidateResult> {

    private static final Logger LOG = Logger.getLogger(ValidateCommand.class);

    private final Supplier<ValidationJob> jobs;
    private final ValidatorMetrics metrics;
    private final Publisher publisher;
    private final Clock clock;

    public ValidateCommand(Supplier<ValidationJob> jobs, ValidatorMetrics metrics, Publisher publisher, Clock clock) {
        this.jobs = jobs;
        this.metrics = metrics;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public Class<ValidateRequest> requestType() {
        return ValidateRequest.class;
    }

    @Override
    public Class<ValidateResult> resultType() {
        return ValidateResult.class;
    }

    @Override
    public String runIdOf(ValidateRequest request) {
        return request.runId();
    }

    @Override
    public String specHashOf(ValidateRequest request) {
        return request.specHash();
    }

    @Override
    public Optional<StoredResults.Ref> storedAs(ValidateRequest request) {
        return Optional.of(new StoredResults.Ref(name(), request.runId(), null, request.attempt()));
    }

    @Override
    public ValidateResult run(InboundCommand<ValidateRequest> command, LoadedSpec spec, SendWindow window) {
        ValidateRequest request = command.request();
        ValidationJob job = jobs.get();
        long start = System.nanoTime();
        ValidateResult result = job.validate(request, spec);
        double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-3);
        metrics.validated(result);
        progress(request, job.rowsChecked(), seconds, command.messageId());
        long errors = result.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        LOG.infof("validate %s attempt %d: %s, %d error and %d warning finding(s), %d rows, %d reference checks "
                + "in %.1f s, %.1f s in all (%s)", request.runId(), request.attempt(), result.status(), errors,
                result.findings().size() - errors, job.rowsChecked(), job.referenceChecks(), job.integritySeconds(),
                seconds, job.steps());
        return result;
    }

    @Override
    public ValidateResult failed(ValidateRequest request, Failure failure) {
        return new ValidateResult(request.runId(), request.specHash(), request.attempt(), ValidationStatus.FAILED,
                List.of(), Map.of(), failure);
    }

    @Override
    public Failure failureOf(ValidateResult result) {
        return result.failure();
    }

    @Override
    public Envelope envelope(ValidateResult result, UUID causationId) {
        return Envelopes.ofAttempt(Topics.VALIDATE_RESULTS, result, result.attempt(), result.runId(), causationId);
    }

    @Override
    public void finished(ValidateRequest request, Duration took) {
        metrics.took(took);
    }

    /** The run's rows as validated; best effort: a lost progress message changes nothing. */
    private void progress(ValidateRequest request, long rows, double seconds, UUID causationId) {
        try {
            publisher.sendBestEffort(Envelopes.progress(new Progress(request.runId(), Phase.VALIDATE, null, null,
                    rows, rows, rows / seconds, clock.instant()), request.attempt(), causationId));
        } catch (RuntimeException e) {
            LOG.debugf("progress of validate %s not sent: %s", request.runId(), e.getClass().getName());
        }
    }
}
