package io.ferry.service.messaging;

import io.ferry.contracts.messages.Message;
import java.util.UUID;

/**
 * A request that passed {@link CommandReader}: the record, the message it holds and its message id,
 * which becomes the causation id of everything sent because of it.
 */
public record InboundCommand<R extends Message>(InboundRecord record, R request, UUID messageId) {
}
