package io.ferry.service.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named places where a crash test stops a service dead, as a SIGKILL would: no shutdown hooks, no flushing, no
 * offsets committed. Production never arms one; otherwise a no-op. Armed in one of two ways:
 * <ul>
 *   <li>the system property {@value #PROPERTY} naming the point, {@value #SKIP} (default 0) letting it pass that many
 *       times first, so a random crash test can stop the service at any of its batches, stores or sends (a test
 *       starts the process with them, and starts it again without);</li>
 *   <li>the file the system property {@value #FILE} names, holding {@code <point> <skip>}: a running process is armed
 *       by writing it and disarmed by deleting it, and the file is deleted just before the process halts, so the
 *       process started again in its place runs unarmed (the demo's crash tests arm a service this way rather than
 *       restart it). Passes count from the moment the file's content was first seen.</li>
 * </ul>
 */
public final class KillPoint {

    public static final String PROPERTY = "ferry.kill-point";
    public static final String SKIP = "ferry.kill-point.skip";
    public static final String FILE = "ferry.kill-point.file";

    /** In the middle of a store's {@code COPY} out of PROD, after its first rows. */
    public static final String EXTRACTOR_MID_COPY = "extractor.mid-copy";
    /** After the anonymized batch's manifest is acknowledged, before the extracted record's offset is committed. */
    public static final String ANONYMIZER_AFTER_PUBLISH = "anonymizer.after-publish";
    /** After a store's load committed in CERT, before its result is sent. */
    public static final String LOADER_AFTER_COMMIT = "loader.after-commit";
    /** After the outbox relay's sends were acknowledged, before it marks the rows sent. */
    public static final String COORDINATOR_AFTER_SEND = "coordinator.after-send";

    /** Times the armed point was reached without halting. */
    private static final AtomicInteger PASSED = new AtomicInteger();
    /** The arm file's content when last read ({@code null}: no file), so that arming it anew restarts the count. */
    private static String fileSeen;

    private KillPoint() {
    }

    /**
     * Halts the JVM with exit code 137 (what a SIGKILL shows) when {@code point} is the armed one and has been passed
     * its skip count already.
     */
    public static void reach(String point) {
        if (point.equals(System.getProperty(PROPERTY))) {
            if (PASSED.getAndIncrement() >= Integer.getInteger(SKIP, 0)) {
                halt(point);
            }
            return;
        }
        String file = System.getProperty(FILE);
        if (file != null) {
            reachArmedByFile(point, Path.of(file));
        }
    }

    private static synchronized void reachArmedByFile(String point, Path file) {
        String armed = read(file);
        if (armed == null || !armed.equals(fileSeen)) {
            PASSED.set(0);
        }
        fileSeen = armed;
        if (armed == null) {
            return;
        }
        String[] parts = armed.split(" ");
        if (parts[0].equals(point) && PASSED.getAndIncrement() >= (parts.length > 1 ? Integer.parseInt(parts[1]) : 0)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot disarm " + file + " before halting at kill point " + point, e);
            }
            halt(point);
        }
    }

    /** The file's trimmed content, or {@code null} when there is none. */
    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read kill point file " + file, e);
        }
    }

    private static void halt(String point) {
        System.err.println("ferry: kill point " + point + " reached: halting");
        Runtime.getRuntime().halt(137);
    }
}
