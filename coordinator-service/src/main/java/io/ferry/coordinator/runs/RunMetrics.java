package io.ferry.coordinator.runs;

import io.ferry.contracts.messages.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The run gauges, refreshed from the coordinator's database every {@code ferry.coordinator.metrics.interval}:
 * <ul>
 * <li>{@code ferry_runs{status}}: the runs it holds per status, every status always present; the shipped alert
 * rule watches {@code ferry_runs{status="COMPENSATION_FAILED"} > 0}.</li>
 * <li>{@code ferry_runs_unchanged_seconds{status}}: per active status, how long the run in it that changed least
 * recently (a step, or progress a phase service reported) has gone without a change; 0 with no such run. The
 * "stuck run" alert watches it.</li>
 * </ul>
 */
@ApplicationScoped
public class RunMetrics {

    private static final Logger LOG = Logger.getLogger(RunMetrics.class);

    private final DataSource db;
    private final Clock clock;
    private final Map<RunStatus, AtomicLong> counts = new EnumMap<>(RunStatus.class);
    private final Map<RunStatus, AtomicLong> unchangedSeconds = new EnumMap<>(RunStatus.class);

    /** What the database says of one status: its runs, and when the least recently changed of them changed. */
    record StatusRow(long runs, Instant oldestChange) {
    }

    @Inject
    public RunMetrics(DataSource db, MeterRegistry registry) {
        this(db, registry, Clock.systemUTC());
    }

    RunMetrics(DataSource db, MeterRegistry registry, Clock clock) {
        this.db = db;
        this.clock = clock;
        // An application restarted in the same JVM (tests do) meets the gauges of the one before, which would
        // keep reading that one's values: they go first.
        registry.find("ferry.runs").meters().forEach(registry::remove);
        registry.find("ferry.runs.unchanged").meters().forEach(registry::remove);
        for (RunStatus status : RunStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("ferry.runs", count, AtomicLong::get).tag("status", status.name())
                    .description("runs the coordinator holds, by status").register(registry);
            if (status.isActive()) {
                AtomicLong seconds = new AtomicLong();
                unchangedSeconds.put(status, seconds);
                Gauge.builder("ferry.runs.unchanged", seconds, AtomicLong::get).tag("status", status.name())
                        .baseUnit("seconds")
                        .description("how long the least recently changed run in an active status has gone unchanged")
                        .register(registry);
            }
        }
    }

    @Scheduled(every = "${ferry.coordinator.metrics.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Map<RunStatus, StatusRow> now = new EnumMap<>(RunStatus.class);
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT status, count(*), min(greatest(updated_at, progress_at)) FROM run GROUP BY status");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                now.put(RunStatus.valueOf(rs.getString(1)), new StatusRow(rs.getLong(2), rs.getTimestamp(3).toInstant()));
            }
        } catch (Exception e) {
            LOG.warnf("run metrics: %s; kept the last values", e.getClass().getName());
            return;
        }
        update(now);
    }

    /** Sets every gauge from the database's answer; a status without runs counts 0. */
    void update(Map<RunStatus, StatusRow> rows) {
        Instant now = clock.instant();
        counts.forEach((status, count) -> count.set(rows.containsKey(status) ? rows.get(status).runs() : 0L));
        unchangedSeconds.forEach((status, seconds) -> seconds.set(rows.containsKey(status)
                ? Math.max(0, Duration.between(rows.get(status).oldestChange(), now).toSeconds()) : 0L));
    }
}
