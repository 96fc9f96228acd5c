package io.ferry.coordinator.runs;

import io.ferry.staging.ObjectInfo;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code ferry_staging_raw_oldest_seconds}: the age of the oldest raw (extracted) batch in staging, 0 when there is
 * none, listed again every {@code ferry.coordinator.metrics.raw-interval}. Raw batches hold production data and
 * live only until their anonymized twin is durable; one older than the services' sweep age ({@code raw-age}) is one
 * a crash left and no restart swept, which the shipped alert rule reports.
 */
@ApplicationScoped
public class RawBatchMetrics {

    private static final Logger LOG = Logger.getLogger(RawBatchMetrics.class);

    private final Staging staging;
    private final Clock clock;
    private final AtomicLong oldestSeconds = new AtomicLong();

    @Inject
    public RawBatchMetrics(Staging staging, MeterRegistry registry) {
        this(staging, registry, Clock.systemUTC());
    }

    RawBatchMetrics(Staging staging, MeterRegistry registry, Clock clock) {
        this.staging = staging;
        this.clock = clock;
        // A restart in the same JVM (tests) must not leave the previous application's gauge in place.
        registry.find("ferry.staging.raw.oldest").meters().forEach(registry::remove);
        Gauge.builder("ferry.staging.raw.oldest", oldestSeconds, AtomicLong::get).baseUnit("seconds")
                .description("age of the oldest raw (extracted) batch in staging; 0 when there is none")
                .register(registry);
    }

    @Scheduled(every = "${ferry.coordinator.metrics.raw-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            oldestSeconds.set(staging.list("").stream()
                    .filter(object -> StagingLayout.isRaw(object.key()))
                    .map(ObjectInfo::lastModified)
                    .min(Comparator.naturalOrder())
                    .map(oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toSeconds()))
                    .orElse(0L));
        } catch (RuntimeException e) {
            // Staging messages name keys and causes, never contents.
            LOG.warnf("raw batch metrics: %s; kept the last value", e.getMessage());
        }
    }
}
