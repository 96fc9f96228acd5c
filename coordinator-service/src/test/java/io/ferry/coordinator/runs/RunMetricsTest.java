package io.ferry.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.messages.RunStatus;
import io.ferry.coordinator.runs.RunMetrics.StatusRow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final RunMetrics metrics = new RunMetrics(null, registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void countsRunsPerStatusWithEveryStatusPresent() {
        metrics.update(Map.of(RunStatus.RUNNING, new StatusRow(2, NOW), RunStatus.COMPENSATION_FAILED, new StatusRow(1, NOW)));

        assertThat(gauge("ferry.runs", RunStatus.RUNNING)).isEqualTo(2);
        assertThat(gauge("ferry.runs", RunStatus.COMPENSATION_FAILED)).isEqualTo(1);
        assertThat(gauge("ferry.runs", RunStatus.SUCCEEDED)).isZero();
        assertThat(registry.find("ferry.runs").gauges()).hasSize(RunStatus.values().length);
    }

    @Test
    void anActiveStatusReportsHowLongItsLeastRecentlyChangedRunWentUnchanged() {
        metrics.update(Map.of(RunStatus.RUNNING, new StatusRow(3, NOW.minusSeconds(5400)),
                RunStatus.BLOCKED, new StatusRow(1, NOW.minusSeconds(60))));

        assertThat(gauge("ferry.runs.unchanged", RunStatus.RUNNING)).isEqualTo(5400);
        assertThat(gauge("ferry.runs.unchanged", RunStatus.BLOCKED)).isEqualTo(60);
        assertThat(gauge("ferry.runs.unchanged", RunStatus.COMPENSATING)).isZero();
    }

    @Test
    void aStatusThatEmptiedFallsBackToZero() {
        metrics.update(Map.of(RunStatus.RUNNING, new StatusRow(1, NOW.minusSeconds(7200))));
        metrics.update(Map.of());

        assertThat(gauge("ferry.runs.unchanged", RunStatus.RUNNING)).isZero();
        assertThat(gauge("ferry.runs", RunStatus.RUNNING)).isZero();
    }

    @Test
    void endedStatusesHaveNoUnchangedGauge() {
        assertThat(registry.find("ferry.runs.unchanged").gauges())
                .extracting(g -> g.getId().getTag("status"))
                .containsExactlyInAnyOrder("REQUESTED", "RUNNING", "AWAITING_APPROVAL", "BLOCKED", "COMPENSATING");
    }

    private double gauge(String name, RunStatus status) {
        return registry.get(name).tag("status", status.name()).gauge().value();
    }
}
