package io.ferry.extractor.metrics;

import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.Failure;
import io.ferry.service.messaging.CommandMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
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
@ApplicationScoped
public class ExtractorMetrics implements CommandMetrics {

    private final MeterRegistry registry;

    public ExtractorMetrics(MeterRegistry registry) {
        this.registry = registry;
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

    /** @param command {@code extract}, {@code preflight} or {@code catalog} */
    @Override
    public void failed(String command, Failure failure) {
        Counter.builder("ferry.extractor.failures")
                .description("Failures reported in results, by command and code")
                .tag("command", command)
                .tag("code", failure.code())
                .tag("kind", failure.kind().name())
                .register(registry)
                .increment();
    }

    /** A request record that could not be read went to its dead-letter topic. */
    @Override
    public void deadLettered(String topic) {
        Counter.builder("ferry.extractor.dead.letters")
                .description("Request records sent to a dead-letter topic, by source topic")
                .tag("topic", topic)
                .register(registry)
                .increment();
    }

    private Counter counter(String name, String description, String store) {
        return Counter.builder(name).description(description).tag("store", store).register(registry);
    }
}
