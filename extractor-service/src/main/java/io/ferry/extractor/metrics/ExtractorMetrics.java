package io.ferry.extractor.metrics;

import io.ferry.contracts.messages.BatchManifest;
import io.ferry.service.metrics.CommandMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The extractor's own meters, at {@code /q/metrics} (Prometheus names in brackets):
 * <ul>
 *   <li>rows, bytes and batches of every manifest sent, by store
 *       ({@code ferry_extract_rows_total}, {@code ferry_extract_bytes_total}, {@code ferry_extract_batches_total});</li>
 *   <li>how long each store's extraction took, retries included ({@code ferry_extract_duration_seconds});</li>
 *   <li>failures reported in results, by command and code ({@code ferry_extractor_failures_total});</li>
 *   <li>request records dead-lettered, by topic ({@code ferry_extractor_dead_letters_total}).</li>
 * </ul>
 * Tags are store names, commands, topics and failure codes: never values.
 */
@Singleton
public class ExtractorMetrics extends CommandMeters {

    public ExtractorMetrics(MeterRegistry registry) {
        super(registry, "extractor");
    }

    public void batchSent(BatchManifest manifest) {
        counter("ferry.extract.rows", "Rows in extracted batches whose manifest was sent", manifest.store())
                .increment(manifest.rows());
        counter("ferry.extract.bytes", "Bytes of extracted batch files whose manifest was sent", manifest.store())
                .increment(manifest.bytes());
        counter("ferry.extract.batches", "Extracted batches whose manifest was sent", manifest.store()).increment();
    }

    public void extractionTook(String store, Duration duration) {
        Timer.builder("ferry.extract.duration")
                .description("Time to extract one store for one request, retries included")
                .tag("store", store)
                .register(registry)
                .record(duration);
    }

    private Counter counter(String name, String description, String store) {
        return Counter.builder(name).description(description).tag("store", store).register(registry);
    }
}
