package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.spec.SpecSession;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.EstateProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service killed at a named point of a run (as SIGKILL would: {@code io.ferry.service.faults.KillPoint} halts the
 * JVM) and started
 * again by the demo's supervisor: the run completes, and CERT ends exactly as after an undisturbed run of the same
 * district (the same rows under the same keys, no duplicates), with no raw batch left in staging. The undisturbed run
 * is the shared demo's newest loaded run of district-001; before each crash run the previous run is rolled back.
 */
@Order(5)
class CrashRecoveryIT {

    private static CrashRound round;
    private static String lastRun;

    @BeforeAll
    static void undisturbedRun() throws Exception {
        SharedDemo shared = SharedDemo.get();
        lastRun = shared.loaded("district-001");
        Spec spec = SpecSession.open(shared.dir.resolve("estate/ferry.yaml")).spec();
        EstateProperties estate = EstateProperties.read(shared.dir.resolve("estate/estate.properties"));
        round = new CrashRound(shared, spec, estate, CertContents.of(spec, estate));
    }

    @ParameterizedTest(name = "{0} killed at {1}")
    @CsvSource({"extractor, extractor.mid-copy", "anonymizer, anonymizer.after-publish",
            "loader, loader.after-commit", "coordinator, coordinator.after-send"})
    void theRunCompletesWithCertExactlyAsUndisturbed(String service, String point) throws Exception {
        lastRun = round.run(lastRun, service, point, 0);
        assertThat(round.killed(service, point)).as("the service halted at its point and was started again").isTrue();
        round.assertRecovered(lastRun);
    }
}
