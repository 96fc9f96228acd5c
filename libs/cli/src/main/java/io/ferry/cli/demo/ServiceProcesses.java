package io.ferry.cli.demo;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The demo's five service processes: started from their packaged applications with their settings as system
 * properties, each logging to {@code DIR/logs/<name>.log}, their pids kept in {@code DIR/services.pids} so that
 * {@code ferry demo stop} finds them from another terminal. A service that dies after it was ready is started again,
 * as Kubernetes restarts a pod (without a crash test's kill point, so it dies once); one that dies while starting
 * fails the demo with its log's path.
 */
final class ServiceProcesses {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** The system property that arms a crash test's kill point in a service (io.ferry.service.faults.KillPoint). */
    static final String KILL_POINT = "ferry.kill-point";
    static final String KILL_SKIP = "ferry.kill-point.skip";
    static final String KILL_POINT_FILE = "ferry.kill-point.file";

    /** The demos this JVM supervises, by folder: {@code ferry demo stop} run in the same JVM must stop them too. */
    private static final Map<Path, ServiceProcesses> SUPERVISING = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path dir;
    private final Consumer<String> notices;
    private final Map<String, PhaseService> services = new LinkedHashMap<>();
    private final Map<String, ProcessHandle> started = new LinkedHashMap<>();
    /** Services that reached readiness: only those are started again (one dying while starting is a failure to show). */
    private final java.util.Set<String> ready = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Replicas a test added to die for good when they die: the others must take their work over. */
    private final java.util.Set<String> unsupervised = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** @param notices where a restart is told */
    ServiceProcesses(Path dir, Consumer<String> notices) {
        this.dir = dir;
        this.notices = notices;
    }

    static Path logs(Path dir) {
        return dir.resolve("logs");
    }

    private static Path pids(Path dir) {
        return dir.resolve("services.pids");
    }

    /** Starts every service, then waits until each reports ready on {@code /q/health/ready}. */
    void start(List<PhaseService> services) {
        SUPERVISING.put(dir, this);
        try {
            Files.createDirectories(logs(dir));
            // a point an earlier demo in this folder armed and never reached must not arm the new services
            Files.createDirectories(killPoints());
            try (var left = Files.list(killPoints())) {
                for (Path p : left.toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + logs(dir) + " and " + killPoints(), e);
        }
        for (PhaseService s : services) {
            if (!Files.isRegularFile(s.jar())) {
                throw new FerryException(ExitCodes.NOT_OK, "the " + s.name() + " service is not built (" + s.jar()
                        + " is missing); run './ferry --rebuild demo' or './mvnw package -DskipTests'");
            }
            supervise(s, launch(s));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (PhaseService s : services) {
            awaitReady(http, s);
        }
    }

    /**
     * Arms a crash test's kill point in the running service {@code name} (io.ferry.service.faults.KillPoint): the
     * point passes {@code skip} times, then the service halts there once; the process the supervisor starts in its
     * place runs unarmed. Written whole (a temp file moved into place), so the service never reads half of it.
     */
    void arm(String name, String point, int skip) {
        synchronized (this) {
            if (!started.containsKey(name)) {
                throw new IllegalArgumentException("no service " + name + " runs");
            }
        }
        Path file = killPointFile(name);
        try {
            Path temp = Files.writeString(file.resolveSibling(name + ".tmp"), point + " " + skip);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot arm " + file, e);
        }
    }

    /** Disarms a point {@link #arm} armed and the service never reached; none armed: nothing to do. */
    void disarm(String name) {
        try {
            Files.deleteIfExists(killPointFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot disarm " + killPointFile(name), e);
        }
    }

    private Path killPoints() {
        return dir.resolve("killpoints");
    }

    private Path killPointFile(String name) {
        return killPoints().resolve(name);
    }

    /** Keeps {@code s} running: when its process ends while the demo is not stopping, it is started again. */
    private synchronized void supervise(PhaseService s, ProcessHandle handle) {
        services.put(s.name(), s);
        started.put(s.name(), handle);
        savePids();
        handle.onExit().thenAccept(ended -> {
            synchronized (this) {
                ProcessHandle current = started.get(s.name());
                if (stopping || current == null || current.pid() != ended.pid() || !ready.contains(s.name())) {
                    return;
                }
                if (unsupervised.contains(s.name())) {
                    notices.accept("demo: the " + s.name() + " service stopped; it stays stopped");
                    return;
                }
                Map<String, String> settings = new LinkedHashMap<>(s.settings());
                settings.remove(KILL_POINT);
                settings.remove(KILL_SKIP);
                PhaseService again = new PhaseService(s.name(), s.jar(), s.jvmOptions(), settings);
                notices.accept("demo: the " + s.name() + " service stopped; starting it again (see "
                        + logs(dir).resolve(s.name() + ".log") + ")");
                supervise(again, launch(again));
            }
        });
    }

    /**
     * Starts another process of the running service {@code of} as {@code name} (its own port, log and temp folder, in
     * the same consumer groups) and waits until it is ready.
     *
     * @param restartOnExit false: when it dies it stays dead, so the other processes must take its work over
     */
    void addReplica(String of, String name, int port, Map<String, String> extra, boolean restartOnExit) {
        PhaseService base;
        synchronized (this) {
            base = services.get(of);
            if (base == null || services.containsKey(name)) {
                throw new IllegalArgumentException(base == null ? "no service " + of : "a service " + name + " runs");
            }
            if (!restartOnExit) {
                unsupervised.add(name);
            }
        }
        PhaseService replica = base.replica(name, port, extra);
        supervise(replica, launch(replica));
        awaitReady(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), replica);
    }

    /** Stops a replica {@link #addReplica} started, for good; a name that is not running is left alone. */
    void removeReplica(String name) {
        ProcessHandle handle;
        synchronized (this) {
            handle = started.remove(name);
            services.remove(name);
            ready.remove(name);
            unsupervised.remove(name);
            savePids();
        }
        if (handle != null) {
            stop(List.of(handle));
        }
    }

    private ProcessHandle launch(PhaseService s) {
        String java = ProcessHandle.current().info().command().orElse("java");
        // a temp folder per process: a service clears leftovers from its own at start, never another's
        Path tmp = dir.resolve("tmp").resolve(s.name());
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + tmp, e);
        }
        // A bounded heap keeps each service under 1 GiB resident; the large district also runs in 512 MB, but its
        // preflight and extraction then collect more (ferry bench 2026-11-25: 20.6 s and 19.9 s, against 18.4 s and
        // 14.8 s in 640 MB); the parallel collector costs the batch work less than G1 on two cores (108 s, was 113).
        // Class metadata grows to about 100 MB: starting the threshold there spares each service the full collections
        // the default (about 20 MB, raised step by step) triggers, one of them in the middle of the run.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx640m", "-XX:+UseParallelGC", "-XX:MetaspaceSize=160m",
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(s.jvmOptions());
        // FERRY_SERVICE_JAVA_OPTS comes after the defaults, so its -Xmx wins (a memory target checked under load)
        command.addAll(serviceJavaOpts(System.getenv("FERRY_SERVICE_JAVA_OPTS")));
        // where arm() writes the service's kill point: no file, nothing armed
        command.add("-D" + KILL_POINT_FILE + "=" + killPointFile(s.name()));
        s.settings().forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", s.jar().toString()));
        try {
            Path log = logs(dir).resolve(s.name() + ".log");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return p.toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + s.name() + " service", e);
        }
    }

    /** The extra JVM options every service gets, split on white space; none when unset. */
    static List<String> serviceJavaOpts(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
    }

    private void awaitReady(HttpClient http, PhaseService s) {
        URI probe = URI.create("http://127.0.0.1:" + s.settings().get("quarkus.http.port") + "/q/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            ProcessHandle handle = started.get(s.name());
            if (!handle.isAlive()) {
                throw new FerryException(ExitCodes.NOT_OK, "the " + s.name() + " service stopped while starting; see "
                        + logs(dir).resolve(s.name() + ".log"));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    ready.add(s.name());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerryException(ExitCodes.NOT_OK, "interrupted while waiting for the " + s.name() + " service");
            }
            if (System.nanoTime() > deadline) {
                throw new FerryException(ExitCodes.NOT_OK, "the " + s.name() + " service was not ready after "
                        + READY_TIMEOUT.toMinutes() + " minutes; see " + logs(dir).resolve(s.name() + ".log"));
            }
            sleep(500);
        }
    }

    private void savePids() {
        StringBuilder text = new StringBuilder();
        started.forEach((name, handle) -> text.append(name).append('=').append(handle.pid()).append('\n'));
        try {
            Files.writeString(pids(dir), text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pids(dir), e);
        }
    }

    /** Whether a demo in {@code dir} has services running (its pid file names a live one). */
    static boolean running(Path dir) {
        Path file = pids(dir);
        try {
            return Files.exists(file) && Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(l -> l.substring(l.indexOf('=') + 1).strip()).anyMatch(pid -> processOf(pid).isPresent());
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the services this object started. */
    void stop() {
        List<ProcessHandle> running;
        synchronized (this) {
            stopping = true;
            running = started.values().stream().toList();
        }
        SUPERVISING.remove(dir, this);
        stop(running);
        started.clear();
        try {
            Files.deleteIfExists(pids(dir));
        } catch (IOException e) {
            // the pid file is only a hint
        }
    }

    /**
     * Stops the services a demo in {@code dir} started (from its pid file), as {@code ferry demo stop} does.
     *
     * @return how many were still running
     */
    static int stopRecorded(Path dir) {
        ServiceProcesses supervising = SUPERVISING.get(dir);
        int stopped = 0;
        if (supervising != null) {
            // else its supervisor would start again what the pid file's stop ends
            synchronized (supervising) {
                stopped = supervising.started.size();
            }
            supervising.stop();
        }
        Path file = pids(dir);
        if (!Files.exists(file)) {
            return stopped;
        }
        List<ProcessHandle> live = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    processOf(line.substring(eq + 1).strip()).ifPresent(live::add);
                }
            }
            stop(live);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return stopped + live.size();
    }

    /** A live Java process of that pid (a pid reused by another program is left alone). */
    private static Optional<ProcessHandle> processOf(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL what is left after 30 s. */
    private static void stop(List<ProcessHandle> handles) {
        handles.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (ProcessHandle h : handles) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                sleep(200);
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
