package io.ferry.coordinator.runs;

import io.ferry.contracts.messages.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * {@code ferry_runs{status}}: the runs the coordinator holds per status, every status always present, refreshed
 * from its database every {@code ferry.coordinator.metrics.interval}. The shipped alert rule watches
 * {@code ferry_runs{status="COMPENSATION_FAILED"} > 0}.
 */
@ApplicationScoped
public class RunMetrics {

    private static final Logger LOG = Logger.getLogger(RunMetrics.class);

    private final DataSource db;
    private final Map<RunStatus, AtomicLong> counts = new EnumMap<>(RunStatus.class);

    public RunMetrics(DataSource db, MeterRegistry registry) {
        this.db = db;
        // An application restarted in the same JVM (tests do) meets the gauges of the one before, which would
        // keep reading that one's counts: they go first.
        registry.find("ferry.runs").meters().forEach(registry::remove);
        for (RunStatus status : RunStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("ferry.runs", count, AtomicLong::get).tag("status", status.name())
                    .description("runs the coordinator holds, by status").register(registry);
        }
    }

    @Scheduled(every = "${ferry.coordinator.metrics.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Map<RunStatus, Long> now = new EnumMap<>(RunStatus.class);
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT status, count(*) FROM run GROUP BY status"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                now.put(RunStatus.valueOf(rs.getString(1)), rs.getLong(2));
            }
        } catch (Exception e) {
            LOG.warnf("run metrics: %s; kept the last counts", e.getClass().getName());
            return;
        }
        counts.forEach((status, count) -> count.set(now.getOrDefault(status, 0L)));
    }
}
