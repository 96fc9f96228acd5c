package io.ferry.cli.estate;

import io.ferry.spec.parse.EstateProperties;
import io.ferry.testkit.UserCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Starts the estate host as a detached background process and waits until it is ready. */
public final class EstateLauncher {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(15);

    private final EstateLayout layout;

    public EstateLauncher(EstateLayout layout) {
        this.layout = layout;
    }

    /**
     * Brings the estate in the layout's directory up unless it already is, cleaning up what a dead
     * estate left behind first. Returns false when it was already up.
     */
    public boolean ensureUp(EstateArgs args) {
        args.presetValue();
        args.prodStandby();
        if (isUp()) {
            return false;
        }
        if (hasLeftovers()) {
            System.err.println("estate: cleaning up what a stopped estate left in " + layout.dir());
            new EstateStopper(layout).stop();
        }
        launch(args);
        return true;
    }

    /** Whether DIR holds a ready estate whose host process is alive. */
    boolean isUp() {
        if (!Files.exists(layout.properties())) {
            return false;
        }
        return readProperties(layout).get("pid")
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(ProcessHandle::isAlive)
                .isPresent();
    }

    /** Whether a dead or half-started estate left processes or files behind. */
    boolean hasLeftovers() {
        return layout.ownedPaths().stream().anyMatch(Files::exists);
    }

    void launch(EstateArgs args) {
        try {
            Files.createDirectories(layout.dir());
        } catch (IOException e) {
            throw failed("cannot create the estate directory " + layout.dir() + " ("
                    + (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                            ? fse.getReason() : e.getClass().getSimpleName()) + "); choose another with --dir");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        // setsid: the estate outlives this command and a Ctrl-C in its terminal.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of(java, "-Xmx4g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED",
                // Class data sharing: the host loads ~40k classes (Neo4j, Kafka); an archive made by the
                // first run roughly halves server start-up in later ones.
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + classDataArchive(),
                "-Djava.io.tmpdir=" + layout.dir().resolve("data/tmp")));
        if (Runtime.version().feature() >= 24) {
            // Neo4j and Kafka still use sun.misc.Unsafe; JDK 24+ warns about it on every start.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), io.ferry.cli.FerryCli.class.getName(),
                "estate", "serve"));
        command.addAll(args.toArgs(layout.dir()));
        try {
            Files.createDirectories(layout.dir().resolve("data/tmp"));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(layout.log().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            System.err.println("estate: starting servers and generating the " + args.preset + " estate in "
                    + layout.dir() + " (log: " + layout.log() + ")");
            Process process = pb.start();
            awaitReady(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per user and JDK, in Ferry's cache; rewritten by the JVM when the class path changes. */
    private static Path classDataArchive() {
        return UserCache.root().orElse(Path.of(System.getProperty("java.io.tmpdir")))
                .resolve("estate-" + Runtime.version().feature() + ".jsa");
    }

    private void awaitReady(Process process) {
        long start = System.nanoTime();
        long deadline = start + READY_TIMEOUT.toNanos();
        while (!Files.exists(layout.properties())) {
            if (!process.isAlive()) {
                throw failed("the estate process stopped before it was ready (exit "
                        + process.exitValue() + "). Last lines of " + layout.log() + ":\n" + tail(20));
            }
            if (System.nanoTime() > deadline) {
                throw failed("the estate was not ready after " + READY_TIMEOUT.toMinutes()
                        + " minutes; see " + layout.log() + " and run 'ferry estate down'");
            }
            sleep(250);
        }
        System.err.printf(java.util.Locale.ROOT, "estate: ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(layout.log(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static io.ferry.cli.FerryException failed(String message) {
        return new io.ferry.cli.FerryException(io.ferry.cli.ExitCodes.NOT_OK, message);
    }

    /** The estate's properties; a damaged file is a one-line error that says how to recover. */
    static EstateProperties readProperties(EstateLayout layout) {
        try {
            return EstateProperties.read(layout.properties());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new io.ferry.cli.FerryException(io.ferry.cli.ExitCodes.NOT_OK, e.getMessage()
                    + "; remove the estate with 'ferry estate down --dir " + layout.dir() + "' and start it again");
        }
    }

    static Optional<Long> pidOf(EstateProperties props, String key) {
        return props.get(key).map(Long::parseLong);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void deleteQuietly(Path path) {
        io.ferry.testkit.Directories.deleteRecursively(path);
    }
}
