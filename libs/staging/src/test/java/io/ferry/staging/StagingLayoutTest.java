package io.ferry.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.ids.RunId;
import org.junit.jupiter.api.Test;

class StagingLayoutTest {

    private static final RunId RUN = RunId.parse("mig-20261121060000-001");

    @Test
    void batchKeysFollowTheDesignAndReadBack() {
        BatchId raw = BatchId.parse("mig-20261121060000-001/extract/ids/public.person.v2/17");
        String key = StagingLayout.batch(raw);
        assertThat(key).isEqualTo("mig-20261121060000-001/extracted/ids/public.person.v2/part-17.parquet");
        StagingLocation location = StagingLayout.parse(key).orElseThrow();
        assertThat(location.batch()).contains(raw);
        assertThat(location.runId()).contains(RUN);
        assertThat(location.isRaw()).isTrue();
        assertThat(location.phase()).contains(Phase.EXTRACT);
    }

    @Test
    void theAnonymizedTwinIsNotRaw() {
        BatchId raw = BatchId.of(RUN.toString(), Phase.EXTRACT, "graph", "neo4j", "Person", 0);
        String twin = StagingLayout.anonymizedTwin(raw);
        assertThat(twin).isEqualTo("mig-20261121060000-001/anonymized/graph/neo4j.Person/part-0.parquet");
        StagingLocation location = StagingLayout.parse(twin).orElseThrow();
        assertThat(location.isRaw()).isFalse();
        assertThat(location.area()).isEqualTo(StagingLocation.Area.ANONYMIZED);
        assertThat(location.batch().orElseThrow().phase()).isEqualTo(Phase.ANONYMIZE);
        assertThat(StagingLayout.batch(location.batch().orElseThrow())).isEqualTo(twin);
    }

    @Test
    void aBatchsGeneratedTuplesLieBesideItsLeakHashesWhicheverPhaseNamesIt() {
        BatchId raw = BatchId.of(RUN.toString(), Phase.EXTRACT, "ids", "public", "person", 3);
        BatchId twin = BatchId.of(RUN.toString(), Phase.ANONYMIZE, "ids", "public", "person", 3);
        String tuples = StagingLayout.generatedTuples(raw);
        assertThat(tuples).isEqualTo("mig-20261121060000-001/leak/ids/public.person/part-3.tuples.bin")
                .isEqualTo(StagingLayout.generatedTuples(twin)).startsWith(StagingLayout.leak(RUN));
        assertThat(StagingLayout.isGeneratedTuples(tuples)).isTrue();
        assertThat(StagingLayout.isGeneratedTuples(StagingLayout.leakHashes(raw))).isFalse();
        assertThat(StagingLayout.parse(tuples).orElseThrow().area()).isEqualTo(StagingLocation.Area.LEAK);
    }

    @Test
    void onlyExtractAndAnonymizeBatchesAreStaged() {
        assertThatThrownBy(() -> StagingLayout.batch(BatchId.of(RUN.toString(), Phase.LOAD, "ids", "public", "t", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("load");
    }

    @Test
    void specsReportsKeysAndLeakRoundTrip() {
        assertThat(StagingLayout.spec("ab12")).isEqualTo("specs/ab12.yaml");
        assertThat(StagingLayout.parse("specs/ab12.yaml").orElseThrow().specHash()).contains("ab12");

        assertThat(StagingLayout.report(RUN, "html")).isEqualTo("reports/mig-20261121060000-001.html");
        StagingLocation report = StagingLayout.parse(StagingLayout.report(RUN, "json")).orElseThrow();
        assertThat(report.area()).isEqualTo(StagingLocation.Area.REPORT);
        assertThat(report.runId()).contains(RUN);
        assertThatThrownBy(() -> StagingLayout.report(RUN, "pdf")).isInstanceOf(IllegalArgumentException.class);

        assertThat(StagingLayout.keys(RUN, "ids")).isEqualTo("mig-20261121060000-001/keys/ids/");
        assertThat(StagingLayout.parse(StagingLayout.keys(RUN, "ids") + "public.person.bin").orElseThrow().area())
                .isEqualTo(StagingLocation.Area.KEYS);
        assertThat(StagingLayout.leak(RUN)).isEqualTo("mig-20261121060000-001/leak/");
        assertThat(StagingLayout.parse(StagingLayout.leak(RUN) + "ids/public.person/part-0.bin").orElseThrow().area())
                .isEqualTo(StagingLocation.Area.LEAK);
        assertThat(StagingLayout.run(RUN)).isEqualTo("mig-20261121060000-001/");
    }

    @Test
    void keysOutsideTheLayoutParseToNothing() {
        assertThat(StagingLayout.parse("not-a-run/extracted/ids/public.t/part-0.parquet")).isEmpty();
        assertThat(StagingLayout.parse("mig-20261121060000-001/other/x")).isEmpty();
        assertThat(StagingLayout.parse("mig-20261121060000-001/extracted/ids/public.t/part-01.parquet")).isEmpty();
        assertThat(StagingLayout.parse("reports/notes.txt")).isEmpty();
    }

    @Test
    void anythingInAnExtractedFolderIsRaw() {
        assertThat(StagingLayout.isRaw("mig-20261121060000-001/extracted/ids/public.t/part-0.parquet")).isTrue();
        assertThat(StagingLayout.isRaw("crashed-run/extracted/ids/odd-name")).isTrue();
        assertThat(StagingLayout.isRaw("mig-20261121060000-001/anonymized/ids/public.t/part-0.parquet")).isFalse();
        assertThat(StagingLayout.isRaw("reports/extracted/x")).isFalse();
    }
}
