package io.ferry.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code ferry bench}: Ferry's migration of a district end to end, per phase, the services' peak memory, and
 * the baseline of the same rows moved without Ferry ({@link Baseline}). Written as JSON and as Markdown.
 *
 * @param warmUp         the district the services migrated (dry run) before the measured run, or null when they
 *                       had not run before ({@code --cold})
 * @param warmUpLoad     the district migrated into CERT and rolled back before that, or null (none, or {@code --cold})
 * @param rows           rows the run extracted, in all stores (the graph's nodes and relationships included)
 * @param totalSeconds   from the run's request to its end, as the coordinator recorded them
 * @param peakRssBytes   per service, the peak resident set size of its process ({@code VmHWM})
 * @param cores            processors the JVM sees
 * @param cpuSeconds       per service, the CPU its process spent from the run's request to its end, with its JIT
 *                         compilers' and garbage collector's share
 * @param estateCpuSeconds per server of the estate, the CPU of its processes over the same span ({@link
 *                         ProcessTreeCpu}: PROD's PostgreSQL, CERT's, and the JVM that holds the graph servers and
 *                         Kafka), or null when they could not be read
 * @param graphJvmCpuSeconds the estate's JVM (the graph servers and Kafka) over the same span, with its JIT compilers'
 *                           and garbage collector's share, or null when it could not be read
 */
record BenchReport(String at, String machine, int cores, String preset, String district, String runId, String status,
        String warmUp, String warmUpLoad, long rows,
        double totalSeconds, List<Phase> phases, Map<String, Long> peakRssBytes, Map<String, ServiceCpu> cpuSeconds,
        Map<String, Double> estateCpuSeconds, ServiceCpu graphJvmCpuSeconds, BaselineFigures baseline) {

    /** The estate's server whose CPU {@code graphJvmCpuSeconds} splits. */
    static final String GRAPH_JVM = "Neo4j and Kafka";

    /** One phase of the run as its report times it; rows null where the phase moves none. */
    record Phase(String phase, double seconds, Long rows) {

        @JsonProperty
        public Double rowsPerSecond() {
            return rows == null || seconds <= 0 ? null : rows / seconds;
        }
    }

    /** @param firstClosureSeconds the bench JVM's first closure, compiled as it ran: shown, not counted */
    record BaselineFigures(double closureSeconds, double firstClosureSeconds, long closureKeys, double copyOutSeconds,
            double copyInSeconds, double totalSeconds, long rowsCopied, long bytesCopied, long keylessRowsNotCopied,
            List<Baseline.StoreCopy> stores) {

        static BaselineFigures of(Baseline.Result r) {
            return new BaselineFigures(r.closureSeconds(), r.firstClosureSeconds(), r.closureKeys(), r.outSeconds(),
                    r.inSeconds(), r.totalSeconds(), r.rows(),
                    r.stores().stream().mapToLong(Baseline.StoreCopy::bytes).sum(),
                    r.stores().stream().mapToLong(Baseline.StoreCopy::keylessRows).sum(), r.stores());
        }
    }

    /** Ferry's total over the baseline's (closure and copy). */
    @JsonProperty
    public double ratioToBaseline() {
        return totalSeconds / baseline.totalSeconds();
    }

    /** Ferry's total over the copy alone (out of PROD and into CERT's copy). */
    @JsonProperty
    public double ratioToCopy() {
        return totalSeconds / (baseline.copyOutSeconds() + baseline.copyInSeconds());
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ferry bench ").append(at).append("\n\n");
        md.append("Machine: ").append(machine).append(". Estate: ").append(preset).append(" preset; district ")
                .append(district).append(", run ").append(runId).append(" ").append(status).append(". ")
                .append(warmUp == null ? "Services cold: the measured run is their first." : "Services warm: they"
                        + (warmUpLoad == null ? "" : " migrated " + warmUpLoad + " into CERT and rolled it back "
                                + WarmUpRun.LOADS + " times, then")
                        + " dry-ran " + warmUp + " before the measured run.").append("\n\n");
        md.append(String.format(Locale.ROOT, "Ferry end to end: **%.1f s** for %,d rows (all five stores). Baseline: %.1f s"
                + " (closure %.1f s, computed a second time in the bench's JVM, the first, compiling, %.1f s; COPY out"
                + " %.1f s, COPY in %.1f s). Ferry / baseline: **%.1f×**; Ferry / copy alone: %.1f×.%n%n", totalSeconds,
                rows, baseline.totalSeconds(), baseline.closureSeconds(), baseline.firstClosureSeconds(),
                baseline.copyOutSeconds(), baseline.copyInSeconds(), ratioToBaseline(), ratioToCopy()));
        md.append("| phase | seconds | rows | rows/s |\n|---|---:|---:|---:|\n");
        for (Phase p : phases) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %s |%n", p.phase(), p.seconds(),
                    p.rows() == null ? "" : String.format(Locale.ROOT, "%,d", p.rows()),
                    p.rowsPerSecond() == null ? "" : String.format(Locale.ROOT, "%,.0f", p.rowsPerSecond())));
        }
        md.append("\n| service | peak RSS (MiB) | CPU in the run (s) | of which JIT | of which GC |\n"
                + "|---|---:|---:|---:|---:|\n");
        peakRssBytes.forEach((service, bytes) -> {
            ServiceCpu cpu = cpuSeconds.get(service);
            md.append(String.format(Locale.ROOT, "| %s | %,d | %s |%n", service, bytes / (1024 * 1024), cpu == null
                    ? " |  | " : String.format(Locale.ROOT, "%.1f | %.1f | %.1f", cpu.seconds(), cpu.jit(), cpu.gc())));
        });
        if (estateCpuSeconds != null && !cpuSeconds.isEmpty()) {
            double services = cpuSeconds.values().stream().mapToDouble(ServiceCpu::seconds).sum();
            double estate = estateCpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
            double all = services + estate;
            StringBuilder servers = new StringBuilder();
            estateCpuSeconds.forEach((server, seconds) -> servers.append(servers.isEmpty() ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.1f s", server, seconds))
                    .append(server.equals(GRAPH_JVM) && graphJvmCpuSeconds != null
                            ? String.format(Locale.ROOT, " of which JIT %.1f s and GC %.1f s", graphJvmCpuSeconds.jit(),
                                    graphJvmCpuSeconds.gc()) : ""));
            md.append(String.format(Locale.ROOT, "%nCPU of the whole run: the services %.1f s, the estate's servers"
                    + " %.1f s (%s): %.1f CPU-s in %.1f s, %.2f of %d cores busy on average, so no schedule of this"
                    + " work on %d cores takes less than %.1f s.%n", services, estate, servers, all, totalSeconds,
                    all / totalSeconds, cores, cores, all / cores));
        }
        md.append("\nBaseline per PostgreSQL store (binary COPY of the closure's rows out of PROD, into an empty copy of"
                + " CERT's tables with their indexes and checks, one transaction per store, rolled back):\n\n");
        md.append("| store | rows | MiB | COPY out (s) | COPY in (s) |\n|---|---:|---:|---:|---:|\n");
        for (Baseline.StoreCopy s : baseline.stores()) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f |%n", s.store(), s.rows(),
                    s.bytes() / 1048576.0, s.outSeconds(), s.inSeconds()));
        }
        if (baseline.keylessRowsNotCopied() > 0) {
            md.append(String.format(Locale.ROOT, "%nThe baseline leaves out %,d rows of tables without a primary key.%n",
                    baseline.keylessRowsNotCopied()));
        }
        return md.toString();
    }
}
