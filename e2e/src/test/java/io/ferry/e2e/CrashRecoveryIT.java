package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.spec.SpecSession;
import io.ferry.service.faults.KillPoint;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.EstateProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service killed at a named point of a run (as SIGKILL would: {@link KillPoint} halts the JVM) and started
 * again by the demo's supervisor: the run completes, and CERT ends exactly as after an undisturbed run of the same
 * district (the same rows under the same keys, no duplicates), with no raw batch left in staging. The undisturbed run
 * is the shared demo's newest loaded run of district-001; before each crash run the previous run is rolled back.
 */
class CrashRecoveryIT {

    private static SharedDemo shared;
    private static Spec spec;
    private static EstateProperties estate;
    private static Map<String, String> undisturbed;
    private static String lastRun;

    @BeforeAll
    static void undisturbedRun() throws Exception {
        shared = SharedDemo.get();
        lastRun = shared.loaded("district-001");
        spec = SpecSession.open(shared.dir.resolve("estate/ferry.yaml")).spec();
        estate = EstateProperties.read(shared.dir.resolve("estate/estate.properties"));
        undisturbed = CertContents.of(spec, estate);
    }

    @ParameterizedTest(name = "{0} killed at {1}")
    @CsvSource({"extractor, extractor.mid-copy", "anonymizer, anonymizer.after-publish",
            "loader, loader.after-commit", "coordinator, coordinator.after-send"})
    void theRunCompletesWithCertExactlyAsUndisturbed(String service, String point) throws Exception {
        String api = shared.api;
        Cli.Result rollback = Cli.run("rollback", lastRun, "--api-config", api);
        assertThat(rollback.code()).as(rollback.toString()).isZero();
        assertThat(Cli.run("watch", lastRun, "--api-config", api).out()).contains("COMPENSATED");

        shared.said();
        shared.demo.armKillPoint(service, point);
        Cli.Result run = Cli.run("run", "district-001", "--api-config", api);
        assertThat(run.code()).as(run.toString()).isZero();
        lastRun = run.lines().get(0);
        SharedDemo.assertEnded(shared.approvedToItsEnd(lastRun)).isEqualTo("SUCCEEDED");
        assertThat(shared.said()).as("the supervisor restarted the killed service")
                .contains("demo: the " + service + " service stopped; starting it again");
        assertThat(Files.readString(shared.dir.resolve("logs").resolve(service + ".log"))).contains("kill point " + point);

        assertThat(CertContents.of(spec, estate)).isEqualTo(undisturbed);
        // the coordinator deletes an ended run's raw batches as a task of its own: give it a moment
        Path raw = Path.of(estate.require("staging.root")).resolve(lastRun).resolve("extracted");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (rawFiles(raw) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(rawFiles(raw)).as("raw batches left in staging").isZero();
    }

    private static long rawFiles(Path raw) throws java.io.IOException {
        if (!Files.exists(raw)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(raw)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
