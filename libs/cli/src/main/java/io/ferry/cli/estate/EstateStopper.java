package io.ferry.cli.estate;

import io.ferry.spec.parse.EstateProperties;
import io.ferry.testkit.postgres.PostmasterProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops an estate from what its directory says, also when the host process was killed with SIGKILL
 * (PostgreSQL runs detached and survives it): SIGTERM to the host, then a fast shutdown of each
 * postmaster found by pid or data directory, then the estate's files are deleted and its ports checked.
 */
public final class EstateStopper {

    private static final Pattern PORT = Pattern.compile("(?:127\\.0\\.0\\.1|localhost):(\\d+)");

    /** How long a process asked to stop may take to be gone before it counts as still running. */
    private static final Duration LINGER = Duration.ofSeconds(10);

    private final EstateLayout layout;

    public EstateStopper(EstateLayout layout) {
        this.layout = layout;
    }

    public record Outcome(boolean found, List<Long> stopped, List<Long> livePids, List<Integer> openPorts) {
        public String describe() {
            if (!found) {
                return "nothing to stop";
            }
            String s = "stopped " + stopped.size() + " process(es), deleted the estate's data";
            if (!livePids.isEmpty()) {
                s += "; still running: " + livePids;
            }
            if (!openPorts.isEmpty()) {
                s += "; ports still open: " + openPorts;
            }
            return s;
        }
    }

    public Outcome stop() {
        Optional<EstateProperties> props = Files.exists(layout.properties())
                ? Optional.of(EstateLauncher.readProperties(layout)) : Optional.empty();
        boolean found = props.isPresent() || layout.ownedPaths().stream().anyMatch(Files::exists);
        List<Long> stopped = new ArrayList<>();

        props.flatMap(p -> EstateLauncher.pidOf(p, "pid")).ifPresent(pid -> {
            if (stopHost(pid)) {
                stopped.add(pid);
            }
        });
        for (Path dataDir : postgresDataDirs(props)) {
            Set<Long> pids = new LinkedHashSet<>();
            PostmasterProcess.readPid(dataDir).ifPresent(pids::add);
            props.flatMap(p -> pidKeyFor(p, dataDir)).ifPresent(pids::add);
            for (long pid : pids) {
                if (isPostmasterOf(pid, dataDir) && PostmasterProcess.stop(pid, Duration.ofSeconds(20))) {
                    stopped.add(pid);
                }
            }
        }
        List<Long> live = new ArrayList<>();
        props.ifPresent(p -> List.of("pid", "prod.pg.pid", "cert.pg.pid").forEach(k ->
                EstateLauncher.pidOf(p, k).filter(pid -> !gone(pid, LINGER)).ifPresent(live::add)));
        List<Integer> open = props.map(EstateStopper::openPorts).orElse(List.of());
        if (live.isEmpty()) {
            layout.ownedPaths().forEach(EstateLauncher::deleteQuietly);
            deleteIfEmpty(layout.dir());
        }
        return new Outcome(found, stopped, live, open);
    }

    /**
     * Whether a process is gone, waiting a while for it: a postmaster the host's shutdown hook stopped can outlive the
     * host for a moment (until its parent reaps it), and "still running" must not be said of it.
     */
    private static boolean gone(long pid, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (EstateLauncher.alive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            EstateLauncher.sleep(100);
        }
        return true;
    }

    /** SIGTERM lets the host's shutdown hook stop Kafka, Neo4j and PostgreSQL cleanly; SIGKILL after 30 s. */
    private static boolean stopHost(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return false;
        }
        handle.get().destroy();
        if (!gone(pid, Duration.ofSeconds(30))) {
            handle.get().destroyForcibly();
            EstateLauncher.sleep(300);
        }
        return true;
    }

    private List<Path> postgresDataDirs(Optional<EstateProperties> props) {
        Set<Path> dirs = new LinkedHashSet<>(List.of(layout.prodPostgres(), layout.certPostgres()));
        props.ifPresent(p -> List.of("prod.pg.datadir", "cert.pg.datadir")
                .forEach(k -> p.get(k).map(Path::of).ifPresent(dirs::add)));
        return List.copyOf(dirs);
    }

    private static Optional<Long> pidKeyFor(EstateProperties p, Path dataDir) {
        for (String env : List.of("prod", "cert")) {
            if (p.get(env + ".pg.datadir").map(Path::of).filter(dataDir::equals).isPresent()) {
                return EstateLauncher.pidOf(p, env + ".pg.pid");
            }
        }
        return Optional.empty();
    }

    /** Guards against a recycled pid: only a postgres process whose arguments name this data directory. */
    private static boolean isPostmasterOf(long pid, Path dataDir) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().commandLine())
                .map(cmd -> cmd.contains("postgres") && cmd.contains(dataDir.toString()))
                .orElse(false);
    }

    static List<Integer> openPorts(EstateProperties props) {
        List<Integer> open = new ArrayList<>();
        for (String value : props.asMap().values()) {
            Matcher m = PORT.matcher(value);
            while (m.find()) {
                int port = Integer.parseInt(m.group(1));
                if (isOpen(port) && !open.contains(port)) {
                    open.add(port);
                }
            }
        }
        return open;
    }

    static boolean isOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            // Not ours to remove if it holds other files, or already gone.
        }
    }
}
