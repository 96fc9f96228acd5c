package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.schema.model.EstateSchema;
import io.ferry.testkit.HeapPeak;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (runs only under {@code -Psoak}): plans district-001 of the large preset on a hot standby, once cold
 * and three times warm (more with {@code -Dplans=N} in {@code argLine}), and prints per plan seconds, this JVM's
 * CPU, rows read per second, key-set bytes per key, the peak heap in use and the process's peak RSS, then the
 * median of the warm plans, so regressions in the rounds or the key sets show up as numbers rather than as a
 * time limit.
 */
class LargeDistrictClosureSoakIT {

    @Test
    void planDistrictOneOfTheLargePreset(@TempDir Path files) throws Exception {
        try (PostgresServer prod = PostgresServer.startTemporary()) {
            SampleEstate.writeFiles(SampleEstate.generate(new EstateServers(prod, null, null, null),
                    new EstateOptions(Preset.LARGE, 42, Instant.parse("2026-09-01T00:00:00Z"), null)), files);
            prod.restartAsStandby();
            SampleSpec spec = SampleSpec.read(files, prod);
            EstateSchema schema = spec.schema();
            ClosureRules rules = spec.rules("district-001");
            System.gc(); // the generator's garbage is not the planner's heap
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            List<Double> times = new ArrayList<>();
            try (HeapPeak heap = new HeapPeak()) {
                // The first plan runs cold (interpreted and compiling); the later ones show the engine's own speed.
                for (int run = 1; run <= Integer.getInteger("plans", 4); run++) {
                    Map<String, RowSource> sources = new LinkedHashMap<>();
                    long cpu = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    try {
                        for (String store : SampleSpec.STORES) {
                            sources.put(store, JdbcRowSource.openSnapshot(prod.connect(store),
                                    schema.store(store).orElseThrow()));
                        }
                        try (Closure closure = new ClosurePlanner().close(schema, rules, sources)) {
                            double seconds = (System.nanoTime() - start) / 1e9;
                            times.add(seconds);
                            System.out.printf("district-001 (large), plan %d: %d keys, %d rows read, %d rounds, %d passes"
                                            + " in %.2f s (this JVM's CPU %.2f s): %.0f rows/s, %.1f bytes per key, peak"
                                            + " heap %d MiB (max %d MiB), peak RSS %d MiB%n", run, closure.keyCount(),
                                    closure.rowsRead(), closure.rounds(), closure.passes(), seconds,
                                    (os.getProcessCpuTime() - cpu) / 1e9, closure.rowsRead() / seconds,
                                    (double) closure.keyBytes() / closure.keyCount(), heap.bytes() >> 20,
                                    Runtime.getRuntime().maxMemory() >> 20, HeapPeak.residentPeakBytes() >> 20);
                            assertThat(closure.failures(rules)).isEmpty();
                        }
                    } finally {
                        sources.values().forEach(RowSource::close);
                    }
                }
            }
            List<Double> warm = times.subList(1, times.size()).stream().sorted().toList();
            System.out.printf("district-001 (large): first plan %.2f s, median of the %d warm ones %.2f s%n", times.get(0),
                    warm.size(), warm.get(warm.size() / 2));
        }
    }
}
