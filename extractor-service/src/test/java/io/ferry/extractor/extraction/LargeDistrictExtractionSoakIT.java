package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.messages.ExtractResult.TableBatches;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.testkit.HeapPeak;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (only under {@code -Psoak}): extracts district-001 of the large preset from a hot standby, store
 * after store as a run does, and prints rows/s per store and overall (planning included), the peak heap in
 * use and the process's peak RSS. Targets (issue 4): 150 k rows/s overall, heap under 512 MB. With the graph
 * store {@code sp}, whose Neo4j runs in a JVM of its own ({@link GraphServerMain}) so that this JVM's heap and RSS
 * are the extractor's; {@code -Dgraph=false} in {@code argLine} leaves the graph out (the PostgreSQL stores only, as
 * this benchmark measured before 2026-11-26).
 */
class LargeDistrictExtractionSoakIT {

    private static final boolean GRAPH = Boolean.parseBoolean(System.getProperty("graph", "true"));
    /**
     * {@code -Dconnections=N} in {@code argLine}: PROD sessions per store (the service's
     * {@code prod.max-connections-per-store}; 3 here, as many as the writers).
     */
    private static final int CONNECTIONS = Integer.getInteger("connections", 3);
    /**
     * {@code -Dwarmups=N} in {@code argLine}: runs of each mode before the measured ones, not counted (2). The JIT
     * takes about four runs to settle (the first about 20 s, the second and third 10-25 % slower than the later
     * ones); a service extracts many districts, and {@code ferry bench} measures warm services too.
     */
    private static final int WARMUPS = Integer.getInteger("warmups", 2);
    /** {@code -Druns=N} in {@code argLine}: measured runs of each mode (5), after the warm-up runs. */
    private static final int RUNS = Integer.getInteger("runs", 5);
    private static final List<String> STORES = GRAPH ? List.of("ids", "hcp1", "hcp2", "adb", "sp")
            : List.of("ids", "hcp1", "hcp2", "adb");

    /** Extracts every store of district-001 for one run (planning included) and returns rows/s overall. */
    private static double run(ExtractionRig rig, LoadedSpec spec, String runId, boolean atOnce, Process graph)
            throws Exception {
        ExtractionSettings settings = ExtractionRig.settings(CONNECTIONS, 250_000, 32L << 20, 3);
        PlannedRuns runs = PlannedRuns.of(settings);
        SnapshotStoreExtractor extractor = rig.extractor(settings, runs);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(atOnce ? 3 : 1);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        double machineStart = machineCpuSeconds();
        double graphStart = cpuSeconds(graph);
        long start = System.nanoTime();
        try {
            List<java.util.concurrent.Future<long[]>> stores = new java.util.ArrayList<>();
            for (String store : STORES) {
                stores.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    ExtractionRig.Extracted out = rig.extract(extractor, spec, runId, "district-001", store, null);
                    return new long[] {out.result().tables().stream().mapToLong(TableBatches::rows).sum(),
                            System.nanoTime() - t0, out.manifests().size(),
                            out.manifests().stream().mapToLong(m -> m.bytes()).sum()};
                }));
            }
            long all = 0;
            for (int i = 0; i < STORES.size(); i++) {
                long[] r = stores.get(i).get();
                all += r[0];
                // a store's time runs from the request, so it includes the wait for the plan the stores share
                System.out.printf("  %s %-5s %,10d rows in %3d batches (%5.1f MiB), %5.1f s, %,9.0f rows/s%n", runId,
                        STORES.get(i), r[0], r[2], r[3] / 1048576.0, r[1] / 1e9, r[0] / (r[1] / 1e9));
                assertThat(r[0]).isPositive();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // CPU time moves less than wall time on a shared machine: it compares changes better.
            // Where the machine's CPU went: this JVM, the graph's JVM and the rest (PROD's PostgreSQL, mostly).
            System.out.printf("%s (%s): %,d rows in %.1f s: %,.0f rows/s overall, planning included; CPU: this JVM"
                            + " %.1f s, graph JVM %.1f s, machine %.1f s%n", runId,
                    atOnce ? "stores at once" : "store after store", all, seconds, all / seconds,
                    (os.getProcessCpuTime() - cpuStart) / 1e9, cpuSeconds(graph) - graphStart,
                    machineCpuSeconds() - machineStart);
            return all / seconds;
        } finally {
            pool.shutdownNow();
            runs.closeAll(java.time.Duration.ZERO);
        }
    }

    /** CPU time a process used so far, 0 without one. */
    private static double cpuSeconds(Process process) {
        return process == null ? 0 : process.toHandle().info().totalCpuDuration()
                .map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** The machine's busy CPU time so far (user, nice, system, irq, softirq in /proc/stat), 0 where not Linux. */
    private static double machineCpuSeconds() {
        try {
            String[] f = java.nio.file.Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                ticks += Long.parseLong(f[i]);
            }
            return ticks / 100.0; // USER_HZ
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void extractDistrictOneOfTheLargePreset(@TempDir Path dir) throws Exception {
        Process graph = GRAPH ? startGraph(dir.resolve("graph")) : null;
        try (PostgresServer prod = PostgresServer.startTemporary()) {
            SampleEstate.generate(new EstateServers(prod, null, null, null),
                    new EstateOptions(Preset.LARGE, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            prod.restartAsStandby();
            LoadedSpec spec = ExtractionRig.sampleEstateSpec(dir.resolve("spec"), prod, prod,
                    graph == null ? null : boltUrl(graph, dir.resolve("graph")), GRAPH);
            ExtractionRig rig = new ExtractionRig(dir);
            System.gc(); // the generator's garbage is not the extractor's heap
            List<Double> sequential = new java.util.ArrayList<>();
            List<Double> concurrent = new java.util.ArrayList<>();
            try (HeapPeak heap = new HeapPeak()) {
                for (int i = 1; i <= WARMUPS + RUNS; i++) {
                    double after = run(rig, spec, String.format("mig-20261121090000-%03d", i), false, graph);
                    double atOnce = run(rig, spec, String.format("mig-20261121090000-%03d", 100 + i), true, graph);
                    if (i > WARMUPS) {
                        sequential.add(after);
                        concurrent.add(atOnce);
                    }
                }
                System.out.printf("district-001 (large, %s), median of %d after %d warm-up runs of each mode: %,.0f rows/s"
                                + " store after store, %,.0f rows/s with the stores at once (3 requests, as the service runs"
                                + " them); peak heap %d MiB (max %d MiB), peak RSS %d MiB%n",
                        GRAPH ? "all five stores" : "PostgreSQL stores only", RUNS, WARMUPS,
                        median(sequential), median(concurrent), heap.bytes() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20, HeapPeak.residentPeakBytes() >> 20);
            }
        } finally {
            if (graph != null) {
                graph.getOutputStream().close();
                if (!graph.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    graph.destroyForcibly();
                }
            }
        }
    }

    /** {@link GraphServerMain} in a JVM of its own, on this test's class path; its output goes to files beside it. */
    private static Process startGraph(Path folder) throws Exception {
        java.nio.file.Files.createDirectories(folder);
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                GraphServerMain.class.getName(), folder.resolve("store").toString())
                .redirectOutput(folder.resolve("server.out").toFile())
                .redirectError(folder.resolve("server.log").toFile())
                .start();
    }

    /** Waits for the graph's {@code bolt <uri>} line (the graph generated), at most ten minutes. */
    private static String boltUrl(Process graph, Path folder) throws Exception {
        Path out = folder.resolve("server.out");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        while (graph.isAlive() && System.nanoTime() < deadline) {
            for (String line : java.nio.file.Files.readAllLines(out)) {
                if (line.startsWith("bolt ")) {
                    return line.substring(5);
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the graph server did not print its address (" + (graph.isAlive()
                ? "still running after ten minutes" : "exit " + graph.exitValue()) + "); see " + folder.resolve("server.log"));
    }
}
