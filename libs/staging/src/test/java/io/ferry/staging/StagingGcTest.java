package io.ferry.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.ids.RunId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingGcTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String OLD = "mig-20261101060000-001";
    private static final String FRESH = "mig-20261101060000-002";

    @TempDir
    Path dir;

    @Test
    void removesRunsWhoseNewestObjectIsPastRetentionAndKeepsReportsAndSpecs() {
        StagingFixture fixture = new StagingFixture(dir);
        Instant longAgo = NOW.minus(Duration.ofDays(20));
        fixture.put(OLD + "/anonymized/ids/public.person/part-0.parquet", longAgo);
        fixture.put(OLD + "/keys/ids/public.person.bin", NOW.minus(Duration.ofDays(8)));
        fixture.put(FRESH + "/anonymized/ids/public.person/part-0.parquet", longAgo);
        fixture.put(FRESH + "/leak/ids/part-0.bin", NOW.minus(Duration.ofDays(1)));
        fixture.put("reports/" + OLD + ".json", longAgo);
        fixture.put("specs/ab12.yaml", longAgo);
        fixture.put("notes/readme.txt", longAgo);
        StagingGc gc = new StagingGc(fixture.staging, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(gc.expired(StagingGc.DEFAULT_RETENTION))
                .containsExactly(new StagingGc.ExpiredRun(RunId.parse(OLD), 2, NOW.minus(Duration.ofDays(8))));
        assertThat(fixture.staging.list("")).hasSize(7);

        assertThat(gc.collect(StagingGc.DEFAULT_RETENTION)).extracting(StagingGc.ExpiredRun::objects)
                .containsExactly(2);
        assertThat(fixture.staging.list("")).extracting(ObjectInfo::key).containsExactly(
                FRESH + "/anonymized/ids/public.person/part-0.parquet", FRESH + "/leak/ids/part-0.bin",
                "notes/readme.txt", "reports/" + OLD + ".json", "specs/ab12.yaml");
    }

    @Test
    void aLongerRetentionKeepsTheRun() {
        StagingFixture fixture = new StagingFixture(dir);
        fixture.put(OLD + "/anonymized/ids/public.person/part-0.parquet", NOW.minus(Duration.ofDays(20)));
        StagingGc gc = new StagingGc(fixture.staging, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(gc.collect(Duration.ofDays(30))).isEmpty();
        assertThatThrownBy(() -> gc.expired(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
