package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cli.api.RunWatch;
import io.ferry.cli.demo.Demo;
import io.ferry.testkit.Datasets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One {@code ferry demo} on the small estate per test JVM (it takes a minute and a half to come up): the five services
 * as processes, district-001 migrated once. It runs as a newcomer runs it, without {@code --keep}, on a thread of its
 * own that holds it after the migration until {@link #finish} lets it end and stop everything it started (or the JVM
 * exits, when its shutdown hook does). The classes that use it run in one JVM one after another, in the order
 * {@code junit-platform.properties} sets, {@link DemoToTheEndIT} last; each sets up the state it starts from.
 */
final class SharedDemo {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One demo per preset: the small one most classes share, a medium one for soak tests that need more work. */
    private static final java.util.Map<String, SharedDemo> INSTANCES = new java.util.HashMap<>();

    final Path dir;
    final String api;
    final Demo demo;
    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final ByteArrayOutputStream everything = new ByteArrayOutputStream();
    private final CompletableFuture<Demo.Migration> migrated = new CompletableFuture<>();
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private SharedDemo(Path dir, String preset) throws InterruptedException {
        this.dir = dir;
        this.api = dir.resolve("demo.properties").toString();
        this.demo = new Demo(dir, Datasets.repoRoot(), preset, false,
                new PrintStream(new Tee(List.of(said, everything), System.err), true, StandardCharsets.UTF_8));
        Thread running = new Thread(() -> {
            try {
                ended.complete(demo.run(migration -> {
                    migrated.complete(migration);
                    release.await();
                }));
            } catch (Throwable e) {
                ended.completeExceptionally(e);
            }
            migrated.completeExceptionally(new IllegalStateException("the demo ended before its migration did"));
        }, "shared-demo-" + preset);
        // The JVM does not wait for it: the demo's own shutdown hook stops what it started.
        running.setDaemon(true);
        running.start();
        try {
            assertThat(migrated.get().code()).as("ferry demo on the %s estate", preset).isZero();
        } catch (ExecutionException e) {
            throw new AssertionError("ferry demo on the " + preset + " estate failed: " + said(), e.getCause());
        }
    }

    static SharedDemo get() throws InterruptedException {
        return get("small");
    }

    static synchronized SharedDemo get(String preset) throws InterruptedException {
        SharedDemo shared = INSTANCES.get(preset);
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory(Path.of("target"), "demo-" + preset + "-").toAbsolutePath();
                shared = new SharedDemo(dir, preset);
                INSTANCES.put(preset, shared);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** What the demo printed since the last call (a restarted service is told there). */
    String said() {
        synchronized (said) {
            String text = said.toString(StandardCharsets.UTF_8);
            said.reset();
            return text;
        }
    }

    /** How the demo ended. */
    record Ending(int code, String output) {
    }

    /**
     * Lets the demo end as it does without {@code --keep}, stopping everything it started, and waits for it; a later
     * {@link #get} brings up a new one.
     *
     * @return its exit code and everything it printed from the start
     */
    Ending finish() throws Exception {
        synchronized (SharedDemo.class) {
            INSTANCES.values().remove(this);
        }
        release.countDown();
        int code = ended.get(5, TimeUnit.MINUTES);
        synchronized (everything) {
            return new Ending(code, everything.toString(StandardCharsets.UTF_8));
        }
    }

    /** Writes to all: the tests read what the demo said, the log keeps it. */
    private static final class Tee extends OutputStream {
        private final List<ByteArrayOutputStream> kept;
        private final OutputStream log;

        Tee(List<ByteArrayOutputStream> kept, OutputStream log) {
            this.kept = kept;
            this.log = log;
        }

        @Override
        public void write(int c) throws IOException {
            for (ByteArrayOutputStream k : kept) {
                synchronized (k) {
                    k.write(c);
                }
            }
            log.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            for (ByteArrayOutputStream k : kept) {
                synchronized (k) {
                    k.write(buf, off, len);
                }
            }
            log.write(buf, off, len);
        }
    }

    /**
     * The newest run of {@code district} when it is loaded (SUCCEEDED, not a dry run); else a new run of it, approved
     * at the spec's gate and followed to its end, which must succeed.
     */
    String loaded(String district) throws Exception {
        for (JsonNode run : JSON.readTree(Cli.run("status", "--api-config", api, "--format", "json").out())) {
            if (run.path("district").asText().equals(district)) {
                if (run.path("status").asText().equals("SUCCEEDED") && !run.path("dryRun").asBoolean()
                        && run.path("loadedStores").size() > 0) {
                    return run.path("runId").asText();
                }
                break;
            }
        }
        Cli.Result run = Cli.run("run", district, "--api-config", api);
        assertThat(run.code()).as(run.toString()).isZero();
        String runId = run.lines().get(0);
        assertEnded(approvedToItsEnd(runId)).isEqualTo("SUCCEEDED");
        return runId;
    }

    /**
     * Follows the run, approving the spec's gate before loading, until it ends (or 5 minutes pass): the run's status
     * view then, which says why it ended; {@link #assertEnded} checks it with the view as the assertion's description.
     */
    JsonNode approvedToItsEnd(String runId) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
        JsonNode view = JSON.createObjectNode().put("status", "still running after 5 minutes");
        while (System.nanoTime() < deadline) {
            Cli.Result status = Cli.run("status", runId, "--api-config", api, "--format", "json");
            // while the coordinator restarts, status cannot answer: ask again
            String now = "";
            if (status.code() == 0) {
                view = JSON.readTree(status.out());
                now = view.path("status").asText();
            }
            if (now.equals("AWAITING_APPROVAL")) {
                assertThat(Cli.run("approve", runId, "--api-config", api).code()).isZero();
            } else if (RunWatch.ENDED.contains(now)) {
                return view;
            }
            Thread.sleep(200);
        }
        return view;
    }

    /** The status a run ended with, described by its whole view (reason, steps) so a failing assertion says why. */
    static org.assertj.core.api.AbstractStringAssert<?> assertEnded(JsonNode view) {
        return assertThat(view.path("status").asText()).as("run %s", view.toPrettyString());
    }
}
