package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.ExitCodes;
import io.ferry.testkit.Datasets;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry demo --keep}, then {@code ferry demo stop}, as README shows them: the kept demo exits 0 after its run
 * with the estate and the five services still running and the API answering, a second demo in the same folder is
 * refused, and {@code demo stop} stops every process the demo started. First of the classes, so that it runs before
 * the demo they share is up.
 */
@Order(1)
class DemoKeepIT {

    @Test
    void keepLeavesEverythingRunningUntilDemoStopStopsIt(@TempDir Path dir) throws Exception {
        String home = System.getProperty("ferry.home");
        System.setProperty("ferry.home", Datasets.repoRoot().toString()); // where the services' applications are
        try {
            Cli.Result kept = Cli.run("demo", "--keep", "--preset", "small", "--dir", dir.toString());
            assertThat(kept.code()).as(kept.toString()).isZero();
            assertThat(kept.out()).contains("demo: run mig-", "demo: everything keeps running. API: ",
                    "stop: ./ferry demo stop --dir " + dir);
            URI api = DemoFolder.api(dir);
            assertThat(DemoFolder.closed(api)).as("the API at %s answers", api).isFalse();
            assertThat(DemoFolder.processes(dir)).as("the estate and the services are running")
                    .hasSizeGreaterThanOrEqualTo(6);

            Cli.Result again = Cli.run("demo", "--keep", "--preset", "small", "--dir", dir.toString());
            assertThat(again.code()).as(again.toString()).isEqualTo(ExitCodes.CONFLICT);
            assertThat(again.err()).contains("a demo is already running in " + dir, "ferry demo stop --dir " + dir);

            Cli.Result stopped = Cli.run("demo", "stop", "--dir", dir.toString());
            assertThat(stopped.code()).as(stopped.toString()).isZero();
            assertThat(stopped.err()).contains("demo: stopped 5 service(s)");
            assertThat(DemoFolder.processes(dir)).isEmpty();
            assertThat(DemoFolder.closed(api)).as("the API at %s is closed", api).isTrue();
        } finally {
            if (!DemoFolder.processes(dir).isEmpty()) { // a failed assertion must not leave the demo running
                Cli.run("demo", "stop", "--dir", dir.toString());
            }
            if (home == null) {
                System.clearProperty("ferry.home");
            } else {
                System.setProperty("ferry.home", home);
            }
        }
    }
}
