package io.ferry.anonymizer.metrics;

import io.ferry.contracts.messages.BatchManifest;
import io.ferry.service.metrics.CommandMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The anonymizer's meters, at {@code /q/metrics} (Prometheus names in brackets): rows, changed fields and
 * batches anonymized by store ({@code ferry_anonymize_rows_total}, {@code ferry_anonymize_fields_total},
 * {@code ferry_anonymize_batches_total}), time per batch ({@code ferry_anonymize_batch_duration_seconds}),
 * leak check findings ({@code ferry_leakcheck_findings_total}), failures by command and code
 * ({@code ferry_anonymizer_failures_total}) and dead letters by topic
 * ({@code ferry_anonymizer_dead_letters_total}). Tags are stores, commands, topics and codes: never values.
 */
@Singleton
public class AnonymizerMetrics extends CommandMeters {

    public AnonymizerMetrics(MeterRegistry registry) {
        super(registry, "anonymizer");
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

    private Counter counter(String name, String description, String store) {
        return Counter.builder(name).description(description).tag("store", store).register(registry);
    }
}
