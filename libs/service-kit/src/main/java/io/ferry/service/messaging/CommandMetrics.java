package io.ferry.service.messaging;

import io.ferry.contracts.messages.Failure;

/**
 * What {@link CommandProcessor} counts; each service's meters implement it under the service's own meter
 * names, so the kit needs no metrics library.
 */
public interface CommandMetrics {

    /** A result reported {@code failure}; {@code command} is {@link Command#name()}. */
    void failed(String command, Failure failure);

    /** A request record that could not be read went to the dead-letter topic of {@code topic}. */
    void deadLettered(String topic);
}
