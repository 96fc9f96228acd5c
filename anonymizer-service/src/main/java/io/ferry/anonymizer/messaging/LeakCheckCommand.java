package io.ferry.anonymizer.messaging;

import io.ferry.anonymizer.metrics.AnonymizerMetrics;
import io.ferry.anonymizer.work.LeakCheckJob;
import io.ferry.anonymizer.work.RunToolsSource;
import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.LeakCheckRequest;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.service.messaging.Command;
import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Envelopes;
import io.ferry.service.messaging.InboundCommand;
import io.ferry.service.messaging.SendWindow;
import io.ferry.service.messaging.StoredResults;
import io.ferry.service.spec.LoadedSpec;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code ferry.leakcheck.requests.v1} → {@link LeakCheckResult} on {@code ferry.leakcheck.results.v1}: the run's
 * leak check over every anonymized batch. The result is stored, so a redelivery re-sends it.
 */
public final class LeakCheckCommand implements Command<LeakCheckRequest, LeakCheckResult> {

    private final LeakCheckJob job;
    private final RunToolsSource tools;
    private final AnonymizerMetrics metrics;

    public LeakCheckCommand(LeakCheckJob job, RunToolsSource tools, AnonymizerMetrics metrics) {
        this.job = job;
        this.tools = tools;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "leakcheck";
    }

    @Override
    public Class<LeakCheckRequest> requestType() {
        return LeakCheckRequest.class;
    }

    @Override
    public Class<LeakCheckResult> resultType() {
        return LeakCheckResult.class;
    }

    @Override
    public String runIdOf(LeakCheckRequest request) {
        return request.runId();
    }

    @Override
    public String specHashOf(LeakCheckRequest request) {
        return request.specHash();
    }

    @Override
    public Optional<StoredResults.Ref> storedAs(LeakCheckRequest request) {
        return Optional.of(new StoredResults.Ref(name(), request.runId(), null, request.attempt()));
    }

    @Override
    public LeakCheckResult run(InboundCommand<LeakCheckRequest> command, LoadedSpec spec, SendWindow window) {
        LeakCheckRequest request = command.request();
        LeakCheckResult result = job.check(request, tools.forRun(request.runId(), spec));
        metrics.leakFindings(result.findings().size());
        return result;
    }

    @Override
    public LeakCheckResult failed(LeakCheckRequest request, Failure failure) {
        return new LeakCheckResult(request.runId(), request.specHash(), request.attempt(), CheckStatus.FAILED, 0,
                List.of(), failure);
    }

    @Override
    public Failure failureOf(LeakCheckResult result) {
        return result.failure();
    }

    @Override
    public Envelope envelope(LeakCheckResult result, UUID causationId) {
        return Envelopes.ofAttempt(Topics.LEAKCHECK_RESULTS, result, result.attempt(), result.runId(), causationId);
    }
}
