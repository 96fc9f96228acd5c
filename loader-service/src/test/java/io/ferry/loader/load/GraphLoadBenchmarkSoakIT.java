package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cert.GraphTarget;
import io.ferry.cert.InitTarget;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.loader.load.PgCompensation.Outcome;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.EstateSpec;
import io.ferry.service.testing.GraphStage;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speed benchmark of the graph load (runs under {@code -Psoak}): the {@code sp} graph of district-001 of the large
 * estate (its closure staged as the run's batches) loaded into the large estate's CERT graph, then compensated;
 * five rounds, each a new run of the same batches. The CERT graph runs in this JVM, so the JVM's CPU time is the
 * load's and the graph server's together. Prints per round the nodes' and relationships' wall time, the CPU and
 * the compensation's wall time, then the medians. No key maps: the PostgreSQL stores are not loaded, so every key
 * stays as PROD has it.
 */
class GraphLoadBenchmarkSoakIT {

    private static final String DISTRICT = "district-001";
    private static final int ROUNDS = 5;

    @Test
    void loadAndCompensateTheGraphOfDistrictOneOfTheLargeEstate(@TempDir Path dir) throws Exception {
        try (PostgresServer prodPg = PostgresServer.startTemporary(); PostgresServer certPg = PostgresServer.startTemporary();
                Neo4jServer prodSp = Neo4jServer.startTemporary(); Neo4jServer certSp = Neo4jServer.startTemporary()) {
            SampleEstate.generate(new EstateServers(prodPg, certPg, prodSp, certSp),
                    new EstateOptions(Preset.LARGE, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            LoadedSpec spec = EstateSpec.write(dir.resolve("spec"), EstateSpec.yamlWithGraph(), EstateSpec.properties("prod",
                    prodPg) + EstateSpec.properties("cert", certPg) + "prod.sp.url=" + prodSp.boltUri() + "\ncert.sp.url="
                    + certSp.boltUri() + "\n");
            GraphTarget.prepare("sp", certSp.driver(), InitTarget.mergeKeys(spec.spec(), "sp"),
                    List.of(GraphTarget.storeId(prodSp.driver())));
            Staging staging = new FileSystemStaging(dir.resolve("staging"));
            String staged = "mig-20261128060000-001";
            Map<TableId, Long> rowsStaged = GraphStage.stage(prodSp.driver(), spec, DISTRICT, staging, staged,
                    Files.createDirectories(dir.resolve("stage")));
            Map<TableId, StagedTable> batches = RunBatches.fetch(staging, RunId.parse(staged), dir.resolve("batches"));
            long expected = rowsStaged.values().stream().mapToLong(Long::longValue).sum();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

            List<Double> nodes = new ArrayList<>();
            List<Double> relationships = new ArrayList<>();
            List<Double> cpus = new ArrayList<>();
            List<Double> compensations = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                String run = "mig-20261128060000-10" + round;
                GraphStoreLoad load = new GraphStoreLoad(LoadTimeouts.defaults());
                long cpuStart = os.getProcessCpuTime();
                List<TableCounts> counts = load.load(certSp.driver(), spec.spec(), "sp",
                        new RunInfo(run, DISTRICT, spec.specHash(), 1, "benchmark"), batches, Map.of());
                double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
                long written = counts.stream().mapToLong(t -> t.inserted() + t.updated()).sum();
                assertThat(written).isEqualTo(expected).isGreaterThan(100_000);
                Map<String, Double> steps = load.steps().seconds();
                nodes.add(steps.get("nodes"));
                relationships.add(steps.get("relationships"));
                cpus.add(cpu);
                System.out.printf("round %d: %,d nodes and relationships; nodes %.1f s, relationships %.1f s, proofs"
                        + " %.1f s; JVM CPU %.1f s%n", round, written, steps.get("nodes"), steps.get("relationships"),
                        steps.get("proofs"), cpu);
                long compensationStart = System.nanoTime();
                assertThat(new GraphCompensation(LoadTimeouts.defaults()).compensate(certSp.driver(), "sp", run, false)
                        .outcome()).isEqualTo(Outcome.COMPENSATED);
                double compensation = (System.nanoTime() - compensationStart) / 1e9;
                compensations.add(compensation);
                System.out.printf("round %d: compensated in %.1f s%n", round, compensation);
            }
            System.out.printf("district-001 (large), sp graph: median of %d: nodes %.1f s, relationships %.1f s, JVM CPU"
                    + " %.1f s; compensation %.1f s%n", ROUNDS, median(nodes), median(relationships), median(cpus),
                    median(compensations));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
