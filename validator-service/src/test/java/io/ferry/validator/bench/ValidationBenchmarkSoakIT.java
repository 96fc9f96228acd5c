package io.ferry.validator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.DistrictStage;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.HeapPeak;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.service.testing.EstateSpec;
import io.ferry.validator.work.ValidationJob;
import io.ferry.validator.work.ValidationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speed benchmark (issue 6; runs under {@code -Psoak}): validation of district-001 of the large estate
 * (its closure staged as the run's batches) against the large CERT estate, three times. Prints the wall
 * time and each step's, the reference checks per second of the integrity step ((rows x references
 * checked) / its wall time), the peak heap and the peak RSS. Targets: under 15 s, at least one million
 * reference checks per second, RSS under 1 GiB.
 */
class ValidationBenchmarkSoakIT {

    private static final String RUN = "mig-20261121170000-001";

    @Test
    void validateDistrictOneOfTheLargeEstate(@TempDir Path dir) throws Exception {
        try (PostgresServer prod = PostgresServer.startTemporary(); PostgresServer cert = PostgresServer.startTemporary()) {
            SampleEstate.generate(new EstateServers(prod, cert, null, null),
                    new EstateOptions(Preset.LARGE, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            LoadedSpec spec = EstateSpec.write(dir.resolve("spec"), prod, cert);
            Staging staging = new FileSystemStaging(dir.resolve("staging"));
            long stageStart = System.nanoTime();
            DistrictStage.stage(prod, spec, "district-001", List.of(), staging, RUN, dir);
            System.out.printf("staged district-001 in %.1f s%n", (System.nanoTime() - stageStart) / 1e9);
            ValidationJob job = new ValidationJob(staging, new ValidationSettings(dir.resolve("work"), 5, 2, "256MB",
                    Duration.ofMinutes(10)));
            List<Double> walls = new ArrayList<>();
            try (HeapPeak heap = new HeapPeak()) {
                for (int round = 1; round <= 3; round++) {
                    long start = System.nanoTime();
                    ValidateResult result = job.validate(new ValidateRequest(RUN, "district-001", spec.specHash(), round), spec);
                    double wall = (System.nanoTime() - start) / 1e9;
                    walls.add(wall);
                    assertThat(result.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
                    System.out.printf("round %d: %,d rows validated in %.1f s (%s); integrity: %,d reference checks in"
                                    + " %.2f s = %,.0f checks/s; %s, %d findings%n", round, job.rowsChecked(), wall,
                            job.steps().seconds(), job.referenceChecks(), job.integritySeconds(),
                            job.referenceChecks() / job.integritySeconds(), result.status(), result.findings().size());
                }
                walls.sort(Double::compare);
                System.out.printf("district-001 (large): median of 3: %.1f s; peak heap %d MiB (max %d MiB), peak RSS %d MiB%n",
                        walls.get(1), heap.bytes() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                        HeapPeak.residentPeakBytes() >> 20);
            }
        }
    }
}
