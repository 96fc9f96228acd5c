package io.ferry.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.cli.Console;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BenchSeriesTest {

    @RegisterExtension
    final Console console = new Console();

    /** A run of {@code total} seconds, {@code load} of them loading, against a baseline of {@code baseline} seconds. */
    private static BenchReport run(String runId, double total, double load, double baseline) {
        Baseline.Result b = new Baseline.Result(baseline / 2, baseline, 1_000,
                List.of(new Baseline.StoreCopy("ids", 1_000, 1 << 20, baseline / 4, baseline / 4, 0)));
        return new BenchReport("2026-12-01T05:00:00Z", "2 cores", 2, "large", "district-001", runId, "SUCCEEDED",
                "district-001", "district-002", 1_000, total, List.of(new BenchReport.Phase("extract", 5.0, 1_000L),
                        new BenchReport.Phase("load", load, 1_000L)), Map.of(), Map.of(), null, null,
                BenchReport.BaselineFigures.of(b));
    }

    @Test
    void theMediansAreOfEachRunsFiguresAndTheRatioIsTheMedianOfEachRunsOwn() {
        // ratios 4, 6 and 5; with a fourth run the median ratio (5.5) and the medians' ratio (66 / 11) differ
        BenchSeries three = new BenchSeries(List.of(run("a", 60.0, 30.0, 15.0), run("b", 72.0, 40.0, 12.0),
                run("c", 50.0, 28.0, 10.0)));
        assertThat(three.medianTotalSeconds()).isEqualTo(60.0);
        assertThat(three.medianBaselineSeconds()).isEqualTo(12.0);
        assertThat(three.medianRatioToBaseline()).isEqualTo(5.0);
        assertThat(three.medianLoadSeconds()).isEqualTo(30.0);

        BenchSeries four = new BenchSeries(List.of(run("a", 60.0, 30.0, 15.0), run("b", 72.0, 40.0, 12.0),
                run("c", 50.0, 28.0, 10.0), run("d", 100.0, 60.0, 10.0)));
        assertThat(four.medianTotalSeconds()).as("the mean of the middle two").isEqualTo(66.0);
        assertThat(four.medianBaselineSeconds()).isEqualTo(11.0);
        assertThat(four.medianRatioToBaseline()).as("ratios 4, 5, 6 and 10").isEqualTo(5.5);
        assertThat(four.medianLoadSeconds()).isEqualTo(35.0);
    }

    @Test
    void theMarkdownSumsUpTheRunsThenGivesEachInFull() {
        String md = new BenchSeries(List.of(run("mig-a", 60.0, 30.0, 15.0), run("mig-b", 72.0, 40.0, 12.0)))
                .markdown();
        assertThat(md).startsWith("# ferry bench 2026-12-01T05:00:00Z, 2 runs\n")
                .contains("Medians of 2 runs: Ferry end to end **66.0 s**, baseline 13.5 s, Ferry / baseline **5.0×**",
                        "| mig-a | 60.0 | 30.0 | 15.0 | 4.0× |", "| mig-b | 72.0 | 40.0 | 12.0 | 6.0× |",
                        "\n## Run 1: mig-a\n\nMachine: 2 cores", "\n## Run 2: mig-b\n\nMachine: 2 cores",
                        "Ferry end to end: **72.0 s**").doesNotContain("# ferry bench 2026-12-01T05:00:00Z\n\nMachine");
    }

    @Test
    void aSeriesHasRuns() {
        assertThatThrownBy(() -> new BenchSeries(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsBelowOneAreAUsageErrorBeforeAnythingStarts(@TempDir Path dir) {
        int code = FerryCli.execute("bench", "--runs", "0", "--dir", dir.toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--runs must be 1 or more (it was 0)").doesNotContain("Exception");
        assertThat(dir).isEmptyDirectory();
    }
}
