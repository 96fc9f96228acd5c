package io.ferry.coordinator.persistence;

import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.LeakCheckRequest;
import io.ferry.contracts.messages.LoadRequest;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.VerifyRequest;

/** The topic each command the coordinator sends goes to (status changes go to {@code ferry.runs.v1}). */
final class CommandTopics {

    private CommandTopics() {
    }

    static String of(Message message) {
        return switch (message) {
            case PreflightRequest m -> Topics.PREFLIGHT_REQUESTS;
            case ExtractRequest m -> Topics.EXTRACT_REQUESTS;
            case LeakCheckRequest m -> Topics.LEAKCHECK_REQUESTS;
            case ValidateRequest m -> Topics.VALIDATE_REQUESTS;
            case LoadRequest m -> Topics.LOAD_REQUESTS;
            case CompensateRequest m -> Topics.COMPENSATE_REQUESTS;
            case VerifyRequest m -> Topics.VERIFY_REQUESTS;
            default -> throw new IllegalArgumentException("the coordinator sends no " + message.getClass().getSimpleName());
        };
    }
}
