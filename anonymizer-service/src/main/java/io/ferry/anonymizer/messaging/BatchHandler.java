package io.ferry.anonymizer.messaging;

import io.ferry.service.faults.KillPoint;
import io.ferry.anonymizer.metrics.AnonymizerMetrics;
import io.ferry.anonymizer.work.BatchJob;
import io.ferry.anonymizer.work.RunToolsSource;
import io.ferry.contracts.ContractViolation;
import io.ferry.contracts.Headers;
import io.ferry.contracts.MessageFormatException;
import io.ferry.contracts.Phase;
import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.Progress;
import io.ferry.service.StepFailure;
import io.ferry.service.messaging.CommandProcessor;
import io.ferry.service.messaging.CommandReader;
import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Envelopes;
import io.ferry.service.messaging.Failures;
import io.ferry.service.messaging.InboundCommand;
import io.ferry.service.messaging.InboundRecord;
import io.ferry.service.messaging.Publisher;
import io.ferry.service.messaging.RetryPolicy;
import io.ferry.service.messaging.SendWindow;
import io.ferry.service.spec.SpecLoader;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * One record of {@code ferry.batches.extracted.v1}, at least once: read it strictly, anonymize the batch
 * ({@link BatchJob}, transient failures retried in-process), send its manifest on
 * {@code ferry.batches.anonymized.v1} and wait for the broker, then report progress (best effort). A batch
 * that cannot be anonymized (a failed check, a broken rule, a missing key) has no result message of its
 * own: its record goes to {@code ferry.batches.extracted.v1.dlq} with the failure's code and sanitized
 * message in {@code ferry-dlq-reason}, and the coordinator fails the run. A redelivered record whose raw
 * batch is gone but whose twin is stored sends the same manifest again. Logs name batches, codes and
 * counts, never values.
 */
public final class BatchHandler {

    private static final Logger LOG = Logger.getLogger(BatchHandler.class);

    private final SpecLoader specs;
    private final RunToolsSource tools;
    private final BatchJob job;
    private final RetryPolicy retryPolicy;
    private final Publisher publisher;
    private final AnonymizerMetrics metrics;
    private final Clock clock;

    public BatchHandler(SpecLoader specs, RunToolsSource tools, BatchJob job, RetryPolicy retryPolicy,
            Publisher publisher, AnonymizerMetrics metrics, Clock clock) {
        this.specs = specs;
        this.tools = tools;
        this.job = job;
        this.retryPolicy = retryPolicy;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Returns once the anonymized manifest or the dead letter is acknowledged.
     *
     * @throws SendWindow.SendFailedException when the broker did not acknowledge: the record must not be
     *                                        acknowledged either
     */
    public void handle(InboundRecord record) {
        InboundCommand<BatchManifest> inbound;
        try {
            inbound = CommandReader.read(record, BatchManifest.class, BatchManifest::runId);
            if (inbound.request().phase() != Phase.EXTRACT) {
                throw new ContractViolation("BatchManifest on " + Topics.BATCHES_EXTRACTED + " must be of the extract phase");
            }
        } catch (MessageFormatException | ContractViolation e) {
            deadLetter(record, e);
            return;
        }
        BatchManifest extracted = inbound.request();
        long start = System.nanoTime();
        BatchJob.Done done;
        try {
            done = retryPolicy.run(() -> job.anonymize(extracted, tools.forRun(extracted.runId(),
                            specs.load(extracted.specHash()))),
                    RetryPolicy.THREAD_SLEEP,
                    (failure, retry, delay) -> LOG.warnf("batch %s: transient %s, retry %d in %s",
                            extracted.batchId(), failure.failure().code(), retry, delay));
        } catch (SendWindow.SendFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            metrics.failed("anonymize", Failures.of(e));
            LOG.warnf("batch %s (%s): given up: %s", extracted.batchId(), record, Failures.of(e).message());
            deadLetter(record, e instanceof StepFailure ? e : StepFailure.fatal(Failures.INTERNAL,
                    Failures.of(e).message()));
            return;
        }
        BatchManifest anonymized = done.manifest();
        SendWindow.awaitOne(publisher.send(Envelopes.ofAttempt(Topics.BATCHES_ANONYMIZED, anonymized,
                anonymized.attempt(), anonymized.runId(), inbound.messageId())), CommandProcessor.SEND_TIMEOUT);
        KillPoint.reach(KillPoint.ANONYMIZER_AFTER_PUBLISH);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.batchDone(anonymized, done.fieldsChanged(), took);
        progress(anonymized, took, inbound);
        LOG.infof("batch %s: %s, %d rows, %d values changed, %d free-text replacements, in %d ms",
                anonymized.batchId(), done.repeated() ? "anonymized before, manifest sent again" : "anonymized",
                anonymized.rows(), done.fieldsChanged(), done.scrubbed(), took.toMillis());
    }

    /** The batch's rows as done for its table (best effort: batches of a table may run on other replicas). */
    private void progress(BatchManifest m, Duration took, InboundCommand<BatchManifest> inbound) {
        double seconds = Math.max(took.toNanos() / 1e9, 1e-3);
        try {
            publisher.sendBestEffort(Envelopes.progress(new Progress(m.runId(), Phase.ANONYMIZE, m.store(),
                    m.schema() + "." + m.table(), m.rows(), null, m.rows() / seconds, clock.instant()),
                    m.attempt(), inbound.messageId()));
        } catch (RuntimeException e) {
            // Best effort: a lost progress message changes nothing.
        }
    }

    private void deadLetter(InboundRecord record, RuntimeException reason) {
        Envelope letter = Envelopes.deadLetter(record.topic(), record.key(), record.value(), record.headers(), reason);
        SendWindow.awaitOne(publisher.send(letter), CommandProcessor.SEND_TIMEOUT);
        metrics.deadLettered(record.topic());
        LOG.warnf("%s: sent to %s: %s", record, letter.topic(), letter.headers().get(Headers.DLQ_REASON));
    }
}
