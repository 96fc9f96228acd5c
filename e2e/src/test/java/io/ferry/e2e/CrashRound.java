package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.EstateProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One round of a crash test on the shared demo: the district's previous run rolled back, a service armed to halt at a
 * kill point, district-001 run to its end; then CERT must hold exactly what an undisturbed run left (the same rows
 * under the same keys, no duplicates) and staging no raw batch of the run.
 */
final class CrashRound {

    private final SharedDemo shared;
    private final Spec spec;
    private final EstateProperties estate;
    private final Map<String, String> undisturbed;

    CrashRound(SharedDemo shared, Spec spec, EstateProperties estate, Map<String, String> undisturbed) {
        this.shared = shared;
        this.spec = spec;
        this.estate = estate;
        this.undisturbed = undisturbed;
    }

    /**
     * @param skip times the point passes before it halts the service
     * @return the new run, SUCCEEDED
     */
    String run(String previous, String service, String point, int skip) throws Exception {
        rollBack(previous);
        shared.demo.armKillPoint(service, point, skip);
        return runToItsEnd();
    }

    /** A round with nothing armed: the previous run rolled back, district-001 run to its end. */
    String run(String previous) throws Exception {
        rollBack(previous);
        return runToItsEnd();
    }

    private void rollBack(String previous) throws Exception {
        String api = shared.api;
        Cli.Result rollback = Cli.run("rollback", previous, "--api-config", api);
        assertThat(rollback.code()).as(rollback.toString()).isZero();
        assertThat(Cli.run("watch", previous, "--api-config", api).out()).contains("COMPENSATED");
        shared.said();
    }

    private String runToItsEnd() throws Exception {
        Cli.Result run = Cli.run("run", "district-001", "--api-config", shared.api);
        assertThat(run.code()).as(run.toString()).isZero();
        String runId = run.lines().get(0);
        SharedDemo.assertEnded(shared.approvedToItsEnd(runId)).isEqualTo("SUCCEEDED");
        return runId;
    }

    /** Whether the armed service halted at its point during the round (and the supervisor started it again). */
    boolean killed(String service, String point) throws Exception {
        boolean restarted = shared.said().contains("demo: the " + service + " service stopped; starting it again");
        return restarted && Files.readString(shared.dir.resolve("logs").resolve(service + ".log"))
                .contains("kill point " + point);
    }

    /** CERT as after the undisturbed run, and no raw batch of {@code runId} left in staging. */
    void assertRecovered(String runId) throws Exception {
        assertThat(CertContents.of(spec, estate)).isEqualTo(undisturbed);
        // the coordinator deletes an ended run's raw batches as a task of its own: give it a moment
        Path raw = Path.of(estate.require("staging.root")).resolve(runId).resolve("extracted");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (rawFiles(raw) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
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
