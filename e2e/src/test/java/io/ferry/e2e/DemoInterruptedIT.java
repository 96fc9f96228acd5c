package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.Datasets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code ferry demo}: the demo, a process of its own as a terminal runs it, gets SIGINT once its run has
 * started (the estate and the five services up, the migration under way) and stops every process it started before
 * it exits. Runs before the demo the other classes share is up.
 */
@Order(0)
class DemoInterruptedIT {

    @Test
    void ctrlCMidRunStopsEveryProcessTheDemoStarted(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process demo = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-Dferry.home=" + Datasets.repoRoot(), "-cp", System.getProperty("java.class.path"),
                "io.ferry.cli.FerryCli", "demo", "--preset", "small", "--dir", dir.toString())
                .redirectErrorStream(true).start();
        List<String> said = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> runStarted = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    said.add(line);
                    if (line.startsWith("demo: run mig-")) {
                        runStarted.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            runStarted.completeExceptionally(new IllegalStateException("the demo ended before its run started"));
        });
        reader.start();
        try {
            runStarted.get(10, TimeUnit.MINUTES);
            assertThat(DemoFolder.processes(dir)).as("the demo, the estate and the services are running")
                    .hasSizeGreaterThanOrEqualTo(7);
            URI api = DemoFolder.api(dir);

            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor();
            assertThat(demo.waitFor(3, TimeUnit.MINUTES)).as("the demo exits after Ctrl-C").isTrue();
            reader.join(10_000);

            assertThat(said).as(String.join("\n", said)).noneMatch(l -> l.contains("everything keeps running"));
            assertThat(dir.resolve("services.pids")).doesNotExist();
            assertThat(DemoFolder.processes(dir)).isEmpty();
            assertThat(DemoFolder.closed(api)).as("the API at %s is closed", api).isTrue();
        } finally {
            if (demo.isAlive()) {
                demo.destroyForcibly();
            }
            if (!DemoFolder.processes(dir).isEmpty()) { // a failed assertion must not leave the demo's processes running
                Cli.run("demo", "stop", "--dir", dir.toString());
            }
        }
    }
}
