package io.ferry.loader.metrics;

import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.service.metrics.CommandMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The loader's meters, at {@code /q/metrics} (Prometheus names in brackets): stores loaded
 * ({@code ferry_load_stores_total}), rows written by how ({@code ferry_load_rows_total}, tag {@code action}
 * inserted, updated, remapped or skipped), time per load and per compensation, retries and failures included
 * ({@code ferry_load_duration_seconds}, {@code ferry_compensate_duration_seconds}), compensations by status
 * ({@code ferry_compensate_compensations_total}), requests that could not run by code
 * ({@code ferry_loader_failures_total}) and dead letters by topic ({@code ferry_loader_dead_letters_total}).
 * Tags are actions, statuses, codes and topics: never values.
 */
@Singleton
public class LoaderMetrics extends CommandMeters {

    public LoaderMetrics(MeterRegistry registry) {
        super(registry, "loader");
    }

    /** A store committed (a result without failure). */
    public void loaded(LoadResult result) {
        Counter.builder("ferry.load.stores").description("Stores loaded").register(registry).increment();
        for (LoadResult.TableCounts t : result.tables()) {
            rows("inserted").increment(t.inserted());
            rows("updated").increment(t.updated());
            rows("remapped").increment(t.remapped());
            rows("skipped").increment(t.skipped());
        }
    }

    /** A compensation that reached an outcome, or failed. */
    public void compensated(CompensateResult result) {
        Counter.builder("ferry.compensate.compensations").description("Compensations, by status")
                .tag("status", result.status().name()).register(registry).increment();
    }

    public void tookToLoad(Duration took) {
        Timer.builder("ferry.load.duration").description("Time to load one store, retries included")
                .register(registry).record(took);
    }

    public void tookToCompensate(Duration took) {
        Timer.builder("ferry.compensate.duration").description("Time to compensate one run, retries included")
                .register(registry).record(took);
    }

    private Counter rows(String action) {
        return Counter.builder("ferry.load.rows").description("Rows written into CERT, by action")
                .tag("action", action).register(registry);
    }
}
