package io.ferry.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.staging.FileSystemStaging;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawBatchMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final String RUN = "mig-20261124100000-001";

    @TempDir
    Path root;

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void reportsTheAgeOfTheOldestRawBatchAndIgnoresAnonymizedOnes() throws IOException {
        put(RUN + "/extracted/ids/public.person/part-00000.parquet", NOW.minusSeconds(600));
        put(RUN + "/extracted/ids/public.school/part-00000.parquet", NOW.minusSeconds(7200));
        put(RUN + "/anonymized/ids/public.person/part-00000.parquet", NOW.minusSeconds(86_400));

        refresh();

        assertThat(oldestSeconds()).isEqualTo(7200);
    }

    @Test
    void isZeroWithoutRawBatches() throws IOException {
        put(RUN + "/anonymized/ids/public.person/part-00000.parquet", NOW.minusSeconds(86_400));

        refresh();

        assertThat(oldestSeconds()).isZero();
    }

    private void refresh() {
        new RawBatchMetrics(new FileSystemStaging(root), registry, Clock.fixed(NOW, ZoneOffset.UTC)).refresh();
    }

    private double oldestSeconds() {
        return registry.get("ferry.staging.raw.oldest").gauge().value();
    }

    private void put(String key, Instant modified) throws IOException {
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "batch");
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
