package io.ferry.anonymizer.metrics;

import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.Failure;
import io.ferry.service.messaging.CommandMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The anonymizer's meters, at {@code /q/metrics} (Prometheus names in brackets): rows, changed fields and
 * batches anonymized by store ({@code ferry_anonymize_rows_total}, {@code ferry_anonymize_fields_total},
 * {@code ferry_anonymize_batches_total}), time per batch ({@code ferry_anonymize_batch_duration_seconds}),
 * leak check findings ({@code ferry_leakcheck_findings_total}), failures by command and code
 * ({@code ferry_anonymizer_failures_total}) and dead letters by topic
 * ({@code ferry_anonymizer_dead_letters_total}). Tags are stores, commands, topics and codes: never values.
 */
@ApplicationScoped
public class AnonymizerMetrics implements CommandMetrics {

    private final MeterRegistry registry;

    public AnonymizerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void batchDone(BatchManifest anonymized, long fieldsChanged, Duration took) {
        String store = anonymized.store();
        counter("ferry.anonymize.rows", "Rows in anonymized batches", store).increment(anonymized.rows());
        counter("ferry.anonymize.fields", "Values written different from their source", store).increment(fieldsChanged);
        counter("ferry.anonymize.batches", "Batches anonymized", store).increment();
        Timer.builder("ferry.anonymize.batch.duration").description("Time to anonymize one batch, retries included")
                .tag("store", store).register(registry).record(took);
    }

    public void leakFindings(int findings) {
        Counter.builder("ferry.leakcheck.findings").description("Leak check findings").register(registry)
                .increment(findings);
    }

    @Override
    public void failed(String command, Failure failure) {
        Counter.builder("ferry.anonymizer.failures")
                .description("Failures, by command and code")
                .tag("command", command)
                .tag("code", failure.code())
                .tag("kind", failure.kind().name())
                .register(registry)
                .increment();
    }

    @Override
    public void deadLettered(String topic) {
        Counter.builder("ferry.anonymizer.dead.letters")
                .description("Records sent to a dead-letter topic, by source topic")
                .tag("topic", topic)
                .register(registry)
                .increment();
    }

    private Counter counter(String name, String description, String store) {
        return Counter.builder(name).description(description).tag("store", store).register(registry);
    }
}
