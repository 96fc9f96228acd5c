package io.ferry.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Stops a postmaster that outlived the JVM that started it (a SIGKILLed estate), from its pid and
 * data directory alone.
 */
public final class PostmasterProcess {

    private PostmasterProcess() {
    }

    /** The pid on the first line of {@code postmaster.pid}, if the server is (or was) running. */
    public static Optional<Long> readPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Asks the postmaster for a fast shutdown (SIGINT), waits for it to exit, and kills it if it does
     * not within {@code timeout}. Returns whether a live process was found.
     */
    public static boolean stop(long pid, Duration timeout) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return false;
        }
        signal(pid, "INT");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handle.get().isAlive() && System.nanoTime() < deadline) {
            sleep(100);
        }
        if (handle.get().isAlive()) {
            handle.get().destroyForcibly();
            sleep(200);
        }
        return true;
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
