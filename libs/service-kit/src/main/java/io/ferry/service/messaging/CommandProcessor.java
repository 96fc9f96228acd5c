package io.ferry.service.messaging;

import io.ferry.contracts.ContractViolation;
import io.ferry.contracts.Headers;
import io.ferry.contracts.MessageFormatException;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.Message;
import io.ferry.service.spec.SpecLoader;
import io.ferry.staging.Staging;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Handles one request record, the same way for every {@link Command}, at least once:
 * <ol>
 *   <li>read it strictly ({@link CommandReader}); a record that does not read goes, as it came, to
 *       {@code <topic>.dlq} with a sanitized {@code ferry-dlq-reason}, and counts as handled;</li>
 *   <li>if its result was stored by an earlier delivery ({@link StoredResults}), send that result again
 *       and stop: the work is not redone;</li>
 *   <li>otherwise load the spec and run the work, retrying transient failures in-process
 *       ({@link RetryPolicy}); a failure that remains becomes the result's {@code failure} (anything but
 *       a {@link io.ferry.service.StepFailure} is a fatal {@code INTERNAL});</li>
 *   <li>wait until the broker acknowledged every manifest, store the result, send it and wait for its
 *       acknowledgement.</li>
 * </ol>
 * {@link #handle} returns only when everything it sent is acknowledged; the caller then acknowledges the
 * record, which lets its offset be committed. A send the broker does not acknowledge throws
 * {@link SendWindow.SendFailedException}, and the record must not be acknowledged. Two deliveries of one
 * request handled at the same time (a re-send while the first still runs) both do the work; their
 * outputs are the same records. Logs name topics, keys, attempts and codes, never payloads. Plain:
 * each service produces it as a bean from its own publisher, spec loader and metrics.
 */
public final class CommandProcessor {

    private static final Logger LOG = Logger.getLogger(CommandProcessor.class);

    /** Longest wait for one acknowledgement; above the producer's own delivery timeout (2 minutes). */
    public static final Duration SEND_TIMEOUT = Duration.ofMinutes(5);
    /** Manifests of one request awaiting acknowledgement at most. */
    static final int MANIFEST_WINDOW = 64;

    private final SpecLoader specLoader;
    private final Publisher publisher;
    private final StoredResults results;
    private final RetryPolicy retryPolicy;
    private final CommandMetrics metrics;

    public CommandProcessor(SpecLoader specLoader, Publisher publisher, Staging staging, RetryPolicy retryPolicy,
            CommandMetrics metrics) {
        this.specLoader = specLoader;
        this.publisher = publisher;
        this.results = new StoredResults(staging);
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
    }

    public <R extends Message, S extends Message> void handle(InboundRecord record, Command<R, S> command) {
        InboundCommand<R> inbound;
        try {
            inbound = CommandReader.read(record, command.requestType(), command::runIdOf);
        } catch (MessageFormatException | ContractViolation e) {
            deadLetter(record, e);
            return;
        }
        R request = inbound.request();
        String what = command.name() + " " + request.key();
        Optional<StoredResults.Ref> ref = command.storedAs(request);
        Optional<S> stored = ref.flatMap(r -> find(r, command));
        if (stored.isPresent()) {
            SendWindow.awaitOne(publisher.send(command.envelope(stored.get(), inbound.messageId())), SEND_TIMEOUT);
            LOG.infof("%s (%s): completed before, re-sent the stored result", what, record);
            return;
        }
        SendWindow window = new SendWindow(MANIFEST_WINDOW, SEND_TIMEOUT);
        S result = run(inbound, command, window, what);
        window.awaitAll();
        ref.ifPresent(r -> store(r, result, what));
        SendWindow.awaitOne(publisher.send(command.envelope(result, inbound.messageId())), SEND_TIMEOUT);
        Failure failure = command.failureOf(result);
        if (failure == null) {
            LOG.infof("%s (%s): done, result sent%s", what, record,
                    window.sent() == 0 ? "" : " after " + window.sent() + " acknowledged manifest(s)");
        } else {
            LOG.warnf("%s (%s): failed %s %s: %s", what, record, failure.kind(), failure.code(), failure.message());
        }
    }

    private <R extends Message, S extends Message> S run(InboundCommand<R> inbound, Command<R, S> command,
            SendWindow window, String what) {
        R request = inbound.request();
        long start = System.nanoTime();
        S result;
        try {
            result = retryPolicy.run(
                    () -> command.run(inbound, specLoader.load(command.specHashOf(request)), window),
                    RetryPolicy.THREAD_SLEEP,
                    (failure, retry, delay) -> LOG.warnf("%s: transient %s, retry %d in %s", what,
                            failure.failure().code(), retry, delay));
        } catch (SendWindow.SendFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            result = command.failed(request, Failures.of(e));
        }
        command.finished(request, Duration.ofNanos(System.nanoTime() - start));
        Failure failure = command.failureOf(result);
        if (failure != null) {
            metrics.failed(command.name(), failure);
        }
        return result;
    }

    private <S extends Message> Optional<S> find(StoredResults.Ref ref, Command<?, S> command) {
        try {
            return results.find(ref, command.resultType());
        } catch (RuntimeException e) {
            LOG.warnf("cannot look up stored result %s (%s); the request runs", ref.key(), e.getClass().getName());
            return Optional.empty();
        }
    }

    /** A result that cannot be stored is still sent: a redelivery then runs the (deterministic) work again. */
    private void store(StoredResults.Ref ref, Message result, String what) {
        try {
            results.save(ref, result);
        } catch (RuntimeException e) {
            LOG.warnf("%s: cannot store the result at %s (%s); sending it anyway", what, ref.key(),
                    e.getClass().getName());
        }
    }

    private void deadLetter(InboundRecord record, RuntimeException reason) {
        Envelope letter = Envelopes.deadLetter(record.topic(), record.key(), record.value(), record.headers(), reason);
        SendWindow.awaitOne(publisher.send(letter), SEND_TIMEOUT);
        metrics.deadLettered(record.topic());
        LOG.warnf("%s: sent to %s: %s", record, letter.topic(), letter.headers().get(Headers.DLQ_REASON));
    }
}
