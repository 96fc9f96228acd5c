package io.ferry.extractor.messaging;

import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.extractor.preflight.Preflight;
import io.ferry.service.messaging.Command;
import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Envelopes;
import io.ferry.service.messaging.InboundCommand;
import io.ferry.service.messaging.SendWindow;
import io.ferry.service.messaging.StoredResults;
import io.ferry.service.spec.LoadedSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code ferry.preflight.requests.v1} → {@link PreflightResult} on {@code ferry.preflight.results.v1};
 * a preflight that cannot run is {@code FAILED} with a failure.
 */
@ApplicationScoped
public class PreflightCommand implements Command<PreflightRequest, PreflightResult> {

    private final Preflight preflight;

    public PreflightCommand(Preflight preflight) {
        this.preflight = preflight;
    }

    @Override
    public String name() {
        return "preflight";
    }

    @Override
    public Class<PreflightRequest> requestType() {
        return PreflightRequest.class;
    }

    @Override
    public Class<PreflightResult> resultType() {
        return PreflightResult.class;
    }

    @Override
    public String runIdOf(PreflightRequest request) {
        return request.runId();
    }

    @Override
    public String specHashOf(PreflightRequest request) {
        return request.specHash();
    }

    @Override
    public Optional<StoredResults.Ref> storedAs(PreflightRequest request) {
        return Optional.of(new StoredResults.Ref(name(), request.runId(), null, request.attempt()));
    }

    @Override
    public PreflightResult run(InboundCommand<PreflightRequest> command, LoadedSpec spec, SendWindow window) {
        PreflightRequest request = command.request();
        PreflightResult result = preflight.run(request, spec);
        if (result == null || !result.runId().equals(request.runId()) || result.attempt() != request.attempt()
                || !result.specHash().equals(request.specHash())) {
            throw new IllegalStateException("the preflight returned a result of another request");
        }
        return result;
    }

    @Override
    public PreflightResult failed(PreflightRequest request, Failure failure) {
        return new PreflightResult(request.runId(), request.specHash(), request.attempt(), CheckStatus.FAILED, 0,
                List.of(), failure);
    }

    @Override
    public Failure failureOf(PreflightResult result) {
        return result.failure();
    }

    @Override
    public Envelope envelope(PreflightResult result, UUID causationId) {
        return Envelopes.ofAttempt(Topics.PREFLIGHT_RESULTS, result, result.attempt(), result.runId(), causationId);
    }
}
