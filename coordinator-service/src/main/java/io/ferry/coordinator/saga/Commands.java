package io.ferry.coordinator.saga;

import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.LeakCheckRequest;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.contracts.messages.LoadRequest;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.VerifyRequest;
import io.ferry.contracts.messages.VerifyResult;
import java.util.Optional;

/**
 * The run's commands by id: an id names the command over all its attempts ({@code load/{runId}/{store}}), and a
 * result names the command it answers, the attempt, its run and its failure.
 */
public final class Commands {

    private Commands() {
    }

    static String preflight(String runId) {
        return "preflight/" + runId;
    }

    static String extract(String runId, String store) {
        return "extract/" + runId + "/" + store;
    }

    static String leakCheck(String runId) {
        return "leakcheck/" + runId;
    }

    static String validate(String runId) {
        return "validate/" + runId;
    }

    static String load(String runId, String store) {
        return "load/" + runId + "/" + store;
    }

    static String compensate(String runId) {
        return "compensate/" + runId;
    }

    static String verify(String runId) {
        return "verify/" + runId;
    }

    /**
     * The command a result answers, its attempt, its run and its failure; empty for a message that answers none
     * of a run's commands.
     */
    public static Optional<Answer> answered(Message result) {
        return Optional.ofNullable(switch (result) {
            case PreflightResult r -> new Answer(preflight(r.runId()), r.attempt(), r.runId(), r.failure());
            case ExtractResult r -> new Answer(extract(r.runId(), r.store()), r.attempt(), r.runId(), r.failure());
            case LeakCheckResult r -> new Answer(leakCheck(r.runId()), r.attempt(), r.runId(), r.failure());
            case ValidateResult r -> new Answer(validate(r.runId()), r.attempt(), r.runId(), r.failure());
            case LoadResult r -> new Answer(load(r.runId(), r.store()), r.attempt(), r.runId(), r.failure());
            case CompensateResult r -> new Answer(compensate(r.runId()), r.attempt(), r.runId(), r.failure());
            case VerifyResult r -> new Answer(verify(r.runId()), r.attempt(), r.runId(), r.failure());
            default -> null;
        });
    }

    /** @param failure null when the command succeeded */
    public record Answer(String commandId, int attempt, String runId, Failure failure) {
    }

    /** The same command as another attempt. */
    static Message withAttempt(Message command, int attempt) {
        return switch (command) {
            case PreflightRequest c -> new PreflightRequest(c.runId(), c.district(), c.specHash(), attempt);
            case ExtractRequest c -> new ExtractRequest(c.runId(), c.district(), c.specHash(), attempt, c.store(), c.wave(),
                    c.dependsOn());
            case LeakCheckRequest c -> new LeakCheckRequest(c.runId(), c.specHash(), attempt, c.anonymizedBatches());
            case ValidateRequest c -> new ValidateRequest(c.runId(), c.district(), c.specHash(), attempt,
                    c.replacesRunId());
            case LoadRequest c -> new LoadRequest(c.runId(), c.district(), c.specHash(), attempt, c.store(),
                    c.certSchemaFingerprint(), c.replacesRunId());
            case CompensateRequest c -> new CompensateRequest(c.runId(), c.specHash(), attempt, c.force(), c.reason());
            case VerifyRequest c -> new VerifyRequest(c.runId(), c.specHash(), attempt);
            default -> throw new IllegalArgumentException("not a run command: " + command.getClass().getSimpleName());
        };
    }
}
