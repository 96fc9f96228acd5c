package io.ferry.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawBatchSweeperTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String OLD_RAW = "mig-20261121060000-001/extracted/ids/public.person/part-0.parquet";
    private static final String FRESH_RAW = "mig-20261121060000-001/extracted/ids/public.person/part-1.parquet";
    private static final String OLD_ANON = "mig-20261121060000-001/anonymized/ids/public.person/part-0.parquet";

    @TempDir
    Path dir;

    @Test
    void deletesOldRawBatchesOnlyAndSaysWhich() {
        StagingFixture fixture = new StagingFixture(dir);
        fixture.put(OLD_RAW, NOW.minus(Duration.ofHours(2)));
        fixture.put(FRESH_RAW, NOW.minus(Duration.ofMinutes(10)));
        fixture.put(OLD_ANON, NOW.minus(Duration.ofDays(3)));
        RawBatchSweeper sweeper = new RawBatchSweeper(fixture.staging, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(sweeper.due(Duration.ofHours(1))).extracting(ObjectInfo::key).containsExactly(OLD_RAW);
        RawBatchSweeper.Sweep sweep = sweeper.sweep(Duration.ofHours(1));

        assertThat(sweep.keys()).containsExactly(OLD_RAW);
        assertThat(sweep.count()).isEqualTo(1);
        assertThat(fixture.staging.list("")).extracting(ObjectInfo::key).containsExactly(OLD_ANON, FRESH_RAW);
    }

    @Test
    void aSweepOfNothingDeletesNothing() {
        StagingFixture fixture = new StagingFixture(dir);
        RawBatchSweeper sweeper = new RawBatchSweeper(fixture.staging, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(sweeper.sweep(Duration.ofHours(1)).count()).isZero();
    }
}
