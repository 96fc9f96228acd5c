package io.ferry.service.messaging;

import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.Message;
import io.ferry.service.spec.LoadedSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * One kind of request a service answers: how to read it, run it, fail it and send its result.
 * {@link CommandProcessor} does the rest the same way for every kind (dead letters, stored results,
 * retries, waiting for acknowledgements).
 *
 * @param <R> the request
 * @param <S> its result
 */
public interface Command<R extends Message, S extends Message> {

    /** The request's kind, e.g. {@code extract}: in logs, metrics and stored result names. */
    String name();

    Class<R> requestType();

    Class<S> resultType();

    /** The run the request belongs to; null for requests of no run. */
    String runIdOf(R request);

    String specHashOf(R request);

    /** Where the completed result is kept; empty for requests whose results are not kept. */
    Optional<StoredResults.Ref> storedAs(R request);

    /**
     * Does the work. Sends made on the way (manifests) join {@code window}; the processor waits for
     * them before it sends the result.
     *
     * @throws io.ferry.service.StepFailure when the work cannot finish
     */
    S run(InboundCommand<R> command, LoadedSpec spec, SendWindow window);

    /** The result that reports {@code failure} for the request. */
    S failed(R request, Failure failure);

    /** The failure a result reports, or null. */
    Failure failureOf(S result);

    Envelope envelope(S result, UUID causationId);

    /** Told how long the work took, retries included (also when it failed). */
    default void finished(R request, Duration took) {
    }
}
