package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cert.DatabaseIdentity;
import io.ferry.cert.PostgresTarget;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.DistrictStage;
import io.ferry.service.testing.EstateSpec;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.HeapPeak;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speed benchmark (issue 7; runs under {@code -Psoak}): district-001 of the large estate (its closure staged as
 * the run's batches) loaded into the large CERT estate, with its indexes, constraints and test districts in
 * place, store after store in cross-store order, then compensated; three rounds. Prints each round's rows per
 * second (rows written over the wall time of the four stores' loads, staging of the batches into temporary
 * tables included), compensation's wall time and the rate of a bare COPY of the same batches ({@link RawCopyFloor}),
 * and the medians. Targets: 100 k rows/s, compensation under 30 s.
 */
class LoadBenchmarkSoakIT {

    private static final String DISTRICT = "district-001";

    @Test
    void loadAndCompensateDistrictOneOfTheLargeEstate(@TempDir Path dir) throws Exception {
        try (PostgresServer prod = PostgresServer.startTemporary(); PostgresServer cert = PostgresServer.startTemporary()) {
            SampleEstate.generate(new EstateServers(prod, cert, null, null),
                    new EstateOptions(Preset.LARGE, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            LoadedSpec spec = EstateSpec.write(dir.resolve("spec"), prod, cert);
            List<DatabaseIdentity> prodIdentities = prepareTargets(prod, cert);
            Staging staging = new FileSystemStaging(dir.resolve("staging"));
            List<Double> rates = new ArrayList<>();
            List<Double> compensations = new ArrayList<>();
            List<Double> floors = new ArrayList<>();
            List<Double> serverCpu = new ArrayList<>();
            try (HeapPeak heap = new HeapPeak()) {
                for (int round = 1; round <= 3; round++) {
                    String run = "mig-20261122170000-00" + round;
                    long stageStart = System.nanoTime();
                    DistrictStage.stage(prod, spec, DISTRICT, staging, run, Files.createDirectories(dir.resolve("stage-" + round)));
                    Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches-" + round));
                    double stageSeconds = (System.nanoTime() - stageStart) / 1e9;

                    long start = System.nanoTime();
                    long rows = 0;
                    Map<String, Double> steps = new java.util.LinkedHashMap<>();
                    StringBuilder perStore = new StringBuilder();
                    Map<String, Double> cpus = new java.util.LinkedHashMap<>();
                    for (String store : SampleEstate.PG_DATABASES) {
                        List<ForeignMap> foreign = new ArrayList<>();
                        for (TableId t : ForeignMap.needed(spec.spec(), store)) {
                            try (Connection other = cert.connect(t.store())) {
                                foreign.add(ForeignMap.read(other, List.of("public"), DISTRICT, t));
                            }
                        }
                        long storeStart = System.nanoTime();
                        try (Connection c = cert.connect(store)) {
                            long backend = BackendCpu.pid(c);
                            double cpuStart = BackendCpu.seconds(backend);
                            PgStoreLoad load = new PgStoreLoad(LoadTimeouts.defaults());
                            for (TableCounts t : load.load(c, spec.spec(), store, prodIdentities,
                                    new RunInfo(run, DISTRICT, spec.specHash(), 1, "benchmark"), staged, foreign)) {
                                rows += t.inserted() + t.updated();
                            }
                            load.steps().seconds().forEach((step, seconds) -> steps.merge(step, seconds, Double::sum));
                            double cpu = BackendCpu.seconds(backend) - cpuStart;
                            cpus.merge(store, cpu, Double::sum);
                            perStore.append(String.format("  %s %.1f s (server CPU %.1f s):", store,
                                    (System.nanoTime() - storeStart) / 1e9, cpu));
                            load.steps().seconds().forEach((step, seconds) -> perStore.append(String.format(" %s %.2f;",
                                    step, seconds)));
                            perStore.append(System.lineSeparator());
                        }
                    }
                    double loadSeconds = (System.nanoTime() - start) / 1e9;
                    assertThat(rows).isGreaterThan(500_000);

                    long compensateStart = System.nanoTime();
                    for (String store : SampleEstate.PG_DATABASES.reversed()) {
                        try (Connection c = cert.connect(store)) {
                            new PgCompensation(LoadTimeouts.defaults()).compensate(c, store, List.of("public"), run, false);
                        }
                    }
                    double compensateSeconds = (System.nanoTime() - compensateStart) / 1e9;
                    rates.add(rows / loadSeconds);
                    serverCpu.add(cpus.values().stream().mapToDouble(Double::doubleValue).sum());
                    compensations.add(compensateSeconds);

                    long floorStart = System.nanoTime();
                    long floorRows = 0;
                    for (String store : SampleEstate.PG_DATABASES) {
                        try (Connection c = cert.connect(store)) {
                            floorRows += RawCopyFloor.copy(c, store, staged);
                        }
                    }
                    double floorSeconds = (System.nanoTime() - floorStart) / 1e9;
                    floors.add(floorRows / floorSeconds);
                    System.out.printf("round %d: staged in %.1f s; %,d rows loaded in %.1f s = %,.0f rows/s;"
                            + " compensated in %.1f s%n", round, stageSeconds, rows, loadSeconds, rows / loadSeconds,
                            compensateSeconds);
                    StringBuilder split = new StringBuilder("  load steps over the four stores:");
                    steps.forEach((step, seconds) -> split.append(String.format(" %s %.1f s;", step, seconds)));
                    System.out.println(split);
                    System.out.print(perStore);
                    System.out.printf("  raw COPY floor: %,d rows in %.1f s = %,.0f rows/s%n", floorRows, floorSeconds,
                            floorRows / floorSeconds);
                }
                rates.sort(Double::compare);
                compensations.sort(Double::compare);
                floors.sort(Double::compare);
                serverCpu.sort(Double::compare);
                System.out.printf("district-001 (large): median of 3: server CPU of the four loads %.1f s%n", serverCpu.get(1));
                System.out.printf("district-001 (large): median of 3: %,.0f rows/s loaded, compensation %.1f s;"
                        + " raw COPY floor %,.0f rows/s; peak heap %d MiB, peak RSS %d MiB%n", rates.get(1),
                        compensations.get(1), floors.get(1), heap.bytes() >> 20, HeapPeak.residentPeakBytes() >> 20);
            }
        }
    }

    /** Prepares every PostgreSQL store of CERT as init-target does; returns PROD's identities for the loads. */
    static List<DatabaseIdentity> prepareTargets(PostgresServer prod, PostgresServer cert) throws Exception {
        List<DatabaseIdentity> prodIdentities = new ArrayList<>();
        for (String store : SampleEstate.PG_DATABASES) {
            try (Connection c = cert.connect(store)) {
                PostgresTarget.prepare(store, c, cert.jdbcUrl(store), PostgresServer.SUPERUSER, "unused",
                        PostgresServer.SUPERUSER);
            }
            try (Connection c = prod.connect(store)) {
                prodIdentities.add(DatabaseIdentity.of(c));
            }
        }
        return prodIdentities;
    }
}
