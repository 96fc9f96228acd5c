package io.ferry.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static BenchReport report() {
        return report("district-001", "district-002");
    }

    private static BenchReport report(String warmUp, String warmUpLoad) {
        Map<String, Double> estate = new LinkedHashMap<>();
        estate.put("PROD PostgreSQL", 10.25);
        estate.put("CERT PostgreSQL", 13.0);
        estate.put("Neo4j and Kafka", 10.25);
        return report(warmUp, warmUpLoad, estate, new ServiceCpu(10.25, 3.5, 0.5));
    }

    private static BenchReport report(String warmUp, String warmUpLoad, Map<String, Double> estateCpu,
            ServiceCpu graphJvm) {
        Baseline.Result baseline = new Baseline.Result(2.0, 5.5, 1_000, List.of(
                new Baseline.StoreCopy("ids", 600, 3 << 20, 1.0, 2.0, 0),
                new Baseline.StoreCopy("adb", 400, 1 << 20, 1.0, 2.0, 25)));
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("extractor", 512L << 20);
        rss.put("loader", 256L << 20);
        Map<String, ServiceCpu> cpu = Map.of("extractor", new ServiceCpu(30.5, 12.25, 3.0));
        return new BenchReport("2026-11-24T00:00:00Z", "2 cores", 2, "large", "district-001", "mig-20261124000000-001",
                "SUCCEEDED", warmUp, warmUpLoad, 1_200, 24.0, List.of(new BenchReport.Phase("extract", 4.0, 1_200L),
                        new BenchReport.Phase("leakcheck", 1.5, null)), rss, cpu, estateCpu, graphJvm,
                BenchReport.BaselineFigures.of(baseline));
    }

    @Test
    void theRatiosAreFerrysTotalOverTheBaselineAndOverTheCopyAlone() {
        BenchReport r = report();
        assertThat(r.baseline().totalSeconds()).isEqualTo(8.0);
        assertThat(r.ratioToBaseline()).isEqualTo(3.0);
        assertThat(r.ratioToCopy()).isEqualTo(4.0);
        assertThat(r.phases().get(0).rowsPerSecond()).isEqualTo(300.0);
        assertThat(r.phases().get(1).rowsPerSecond()).isNull();
        assertThat(r.baseline().keylessRowsNotCopied()).isEqualTo(25);
    }

    @Test
    void theMarkdownStatesTheFiguresAndTheRowsLeftOut() {
        String md = report().markdown();
        assertThat(md).contains("**24.0 s** for 1,200 rows", "Baseline: 8.0 s (closure 2.0 s, computed a second time in"
                + " the bench's JVM, the first, compiling, 5.5 s; COPY out 2.0 s, COPY in 4.0 s)", "Ferry / baseline: **3.0×**", "Ferry / copy alone: 4.0×",
                "| extract | 4.0 | 1,200 | 300 |", "| leakcheck | 1.5 |  |  |", "| extractor | 512 | 30.5 | 12.3 | 3.0 |",
                "| loader | 256 |  |  |  |",
                "| ids | 600 | 3.0 | 1.0 | 2.0 |", "leaves out 25 rows of tables without a primary key");
    }

    @Test
    void theMarkdownAddsTheEstatesCpuToTheServicesAndSaysWhatTwoCoresAllowAtBest() {
        assertThat(report().markdown()).contains("CPU of the whole run: the services 30.5 s, the estate's servers"
                + " 33.5 s (PROD PostgreSQL 10.3 s, CERT PostgreSQL 13.0 s, Neo4j and Kafka 10.3 s of which JIT 3.5 s and"
                + " GC 0.5 s): 64.0 CPU-s in"
                + " 24.0 s, 2.67 of 2 cores busy on average, so no schedule of this work on 2 cores takes less than"
                + " 32.0 s.");
        assertThat(report("district-001", null, null, null).markdown()).doesNotContain("CPU of the whole run");
        Map<String, Double> estate = Map.of("Neo4j and Kafka", 10.25);
        assertThat(report("district-001", null, estate, null).markdown())
                .contains("(Neo4j and Kafka 10.3 s): ").doesNotContain("10.3 s of which");
    }

    @Test
    void theMarkdownSaysWhetherTheServicesHadRunBefore() {
        assertThat(report().markdown()).contains("Services warm: they migrated district-002 into CERT and rolled it"
                + " back 2 times, then dry-ran district-001 before the measured run.").doesNotContain("cold");
        assertThat(report("district-001", null).markdown())
                .contains("Services warm: they dry-ran district-001 before the measured run.");
        assertThat(report(null, null).markdown()).contains("Services cold: the measured run is their first.")
                .doesNotContain("warm");
    }

    @Test
    void aLiveProcessHasAPeakResidentSize() {
        assertThat(PeakMemory.highWaterMark(Long.toString(ProcessHandle.current().pid()))).get()
                .satisfies(bytes -> assertThat(bytes).isGreaterThan(1L << 20));
        assertThat(PeakMemory.highWaterMark("999999999")).isEmpty();
    }
}
