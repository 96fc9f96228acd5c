package io.ferry.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Several measured runs of one {@code ferry bench --runs N}, each with its own baseline, and their medians: the
 * machine's speed swings from one run to the next (docs/benchmarks.md), so a single run says little.
 *
 * @param runs the runs in the order they ran
 */
record BenchSeries(List<BenchReport> runs) {

    BenchSeries {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one run");
        }
        runs = List.copyOf(runs);
    }

    /** The median of Ferry's end-to-end times. */
    @JsonProperty
    public double medianTotalSeconds() {
        return median(BenchReport::totalSeconds);
    }

    /** The median of the baselines' times. */
    @JsonProperty
    public double medianBaselineSeconds() {
        return median(r -> r.baseline().totalSeconds());
    }

    /** The median of each run's ratio to the baseline measured for it (not the ratio of the medians). */
    @JsonProperty
    public double medianRatioToBaseline() {
        return median(BenchReport::ratioToBaseline);
    }

    /** The median of the load phase's times (where most of a run goes). */
    @JsonProperty
    public double medianLoadSeconds() {
        return median(BenchSeries::loadSeconds);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        BenchReport first = runs.get(0);
        md.append("# ferry bench ").append(first.at()).append(", ").append(runs.size()).append(" runs\n\n");
        md.append(String.format(Locale.ROOT, "District %s of the %s estate on %s. Medians of %d runs: Ferry end to end"
                + " **%.1f s**, baseline %.1f s, Ferry / baseline **%.1f×** (the median of each run's ratio), load %.1f s."
                + "%n%n", first.district(), first.preset(), first.machine(), runs.size(), medianTotalSeconds(),
                medianBaselineSeconds(), medianRatioToBaseline(), medianLoadSeconds()));
        md.append("| run | Ferry (s) | load (s) | baseline (s) | Ferry / baseline |\n|---|---:|---:|---:|---:|\n");
        for (BenchReport r : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f× |%n", r.runId(), r.totalSeconds(),
                    loadSeconds(r), r.baseline().totalSeconds(), r.ratioToBaseline()));
        }
        for (int i = 0; i < runs.size(); i++) {
            // each run's own report under a heading of its own instead of its title
            String report = runs.get(i).markdown();
            md.append("\n## Run ").append(i + 1).append(": ").append(runs.get(i).runId())
                    .append(report.substring(report.indexOf('\n')));
        }
        return md.toString();
    }

    private static double loadSeconds(BenchReport r) {
        return r.phases().stream().filter(p -> p.phase().equals("load")).mapToDouble(BenchReport.Phase::seconds)
                .sum();
    }

    private double median(ToDoubleFunction<BenchReport> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
