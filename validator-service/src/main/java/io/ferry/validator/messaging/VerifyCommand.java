package io.ferry.validator.messaging;

import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.VerifyRequest;
import io.ferry.contracts.messages.VerifyResult;
import io.ferry.contracts.messages.VerifyStatus;
import io.ferry.service.messaging.Command;
import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Envelopes;
import io.ferry.service.messaging.InboundCommand;
import io.ferry.service.messaging.SendWindow;
import io.ferry.service.messaging.StoredResults;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.validator.verify.VerifyJob;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code ferry.verify.requests.v1} → {@link VerifyResult} on {@code ferry.verify.results.v1}: what CERT holds for a
 * finished run checked against its ledger and batches ({@link VerifyJob}). Stored per attempt like validation's
 * result, so a redelivery re-sends it; the coordinator gives each new verify of a run a new attempt.
 */
public final class VerifyCommand implements Command<VerifyRequest, VerifyResult> {

    private static final Logger LOG = Logger.getLogger(VerifyCommand.class);

    private final VerifyJob job;

    public VerifyCommand(VerifyJob job) {
        this.job = job;
    }

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public Class<VerifyRequest> requestType() {
        return VerifyRequest.class;
    }

    @Override
    public Class<VerifyResult> resultType() {
        return VerifyResult.class;
    }

    @Override
    public String runIdOf(VerifyRequest request) {
        return request.runId();
    }

    @Override
    public String specHashOf(VerifyRequest request) {
        return request.specHash();
    }

    @Override
    public Optional<StoredResults.Ref> storedAs(VerifyRequest request) {
        return Optional.of(new StoredResults.Ref(name(), request.runId(), null, request.attempt()));
    }

    @Override
    public VerifyResult run(InboundCommand<VerifyRequest> command, LoadedSpec spec, SendWindow window) {
        VerifyRequest request = command.request();
        long start = System.nanoTime();
        VerifyResult result = job.verify(request, spec);
        long errors = result.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        LOG.infof("verify %s attempt %d: %s, %d error and %d warning finding(s) in %.1f s", request.runId(),
                request.attempt(), result.status(), errors, result.findings().size() - errors,
                (System.nanoTime() - start) / 1e9);
        return result;
    }

    @Override
    public VerifyResult failed(VerifyRequest request, Failure failure) {
        return new VerifyResult(request.runId(), request.specHash(), request.attempt(), VerifyStatus.INVALID, List.of(),
                failure);
    }

    @Override
    public Failure failureOf(VerifyResult result) {
        return result.failure();
    }

    @Override
    public Envelope envelope(VerifyResult result, UUID causationId) {
        return Envelopes.ofAttempt(Topics.VERIFY_RESULTS, result, result.attempt(), result.runId(), causationId);
    }
}
