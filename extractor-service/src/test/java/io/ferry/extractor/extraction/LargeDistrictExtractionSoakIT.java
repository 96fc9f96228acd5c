package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.messages.ExtractResult.TableBatches;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.extractor.spec.LoadedSpec;
import io.ferry.testkit.HeapPeak;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (only under {@code -Psoak}): extracts district-001 of the large preset from a hot standby, store
 * after store as a run does, and prints rows/s per store and overall (planning included), the peak heap in
 * use and the process's peak RSS. Targets (issue 4): 150 k rows/s overall, heap under 512 MB. PostgreSQL
 * stores only (the spec without its graph store).
 */
class LargeDistrictExtractionSoakIT {

    private static final List<String> STORES = List.of("ids", "hcp1", "hcp2", "adb");

    @Test
    void extractDistrictOneOfTheLargePreset(@TempDir Path dir) throws Exception {
        try (PostgresServer prod = PostgresServer.startTemporary()) {
            // The graph stays out: an in-process Neo4j with the large graph would dominate this JVM's heap.
            SampleEstate.generate(new EstateServers(prod, null, null, null),
                    new EstateOptions(Preset.LARGE, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            prod.restartAsStandby();
            Path folder = Files.createDirectories(dir.resolve("spec"));
            Files.writeString(folder.resolve("ferry.yaml"), SampleEstate.ferryYaml().lines()
                    .filter(line -> !line.contains("\"sp:") && !line.trim().startsWith("sp:"))
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
            Map<String, String> p = new LinkedHashMap<>();
            for (String store : STORES) {
                p.put("prod." + store + ".url", prod.jdbcUrl(store));
                p.put("prod." + store + ".user", PostgresServer.SUPERUSER);
                p.put("prod." + store + ".password", "unused");
                p.put("cert." + store + ".url", prod.jdbcUrl(store));
                p.put("cert." + store + ".user", PostgresServer.SUPERUSER);
                p.put("cert." + store + ".password", "unused");
            }
            ExtractionRig.writeProperties(folder, p);
            LoadedSpec spec = ExtractionRig.spec(folder);
            ExtractionRig rig = new ExtractionRig(dir);
            SnapshotStoreExtractor extractor = rig.extractor(ExtractionRig.settings(3, 250_000, 32L << 20, 3));
            System.gc(); // the generator's garbage is not the extractor's heap
            long all = 0;
            long start = System.nanoTime();
            try (HeapPeak heap = new HeapPeak()) {
                for (String store : STORES) {
                    long t0 = System.nanoTime();
                    ExtractionRig.Extracted out = rig.extract(extractor, spec, "mig-20261121090000-001", "district-001",
                            store, null);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    long rows = out.result().tables().stream().mapToLong(TableBatches::rows).sum();
                    long bytes = out.manifests().stream().mapToLong(m -> m.bytes()).sum();
                    all += rows;
                    System.out.printf("extract %-5s %,10d rows in %3d batches, %,6.1f MB, %6.1f s: %,9.0f rows/s%s%n", store,
                            rows, out.manifests().size(), bytes / 1e6, seconds, rows / seconds,
                            store.equals(STORES.get(0)) ? " (includes planning the district over all stores)" : "");
                    assertThat(rows).isPositive();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("district-001 (large): %,d rows in %.1f s: %,.0f rows/s overall; peak heap %d MiB"
                                + " (max %d MiB), peak RSS %d MiB%n", all, seconds, all / seconds, heap.bytes() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20, HeapPeak.residentPeakBytes() >> 20);
            } finally {
                extractor.close();
            }
        }
    }
}
