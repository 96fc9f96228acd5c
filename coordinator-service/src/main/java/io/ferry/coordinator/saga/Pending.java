package io.ferry.coordinator.saga;

import io.ferry.contracts.messages.Message;
import java.util.UUID;

/**
 * A command sent and not yet answered: what a sweeper or resume sends again.
 *
 * @param commandId   stable over attempts ({@code load/{runId}/{store}}); the message id is UUIDv5 of it and the attempt
 * @param causationId the event that first caused it; retries keep it
 */
public record Pending(String commandId, Message message, int attempt, UUID causationId) {
}
