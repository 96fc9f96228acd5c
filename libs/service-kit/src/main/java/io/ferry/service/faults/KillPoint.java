package io.ferry.service.faults;

/**
 * Named places where a crash test stops a service dead, as a SIGKILL would: no shutdown hooks, no flushing, no
 * offsets committed. Armed only by the system property {@value #PROPERTY} naming the point (the end-to-end crash
 * tests set it on one service's process and restart the service without it); otherwise a no-op. Production never
 * sets it. {@value #SKIP} (default 0) lets the point pass that many times first, so a random crash test can stop
 * the service at any of its batches, stores or sends.
 */
public final class KillPoint {

    public static final String PROPERTY = "ferry.kill-point";
    public static final String SKIP = "ferry.kill-point.skip";

    /** Times the armed point was reached without halting. */
    private static final java.util.concurrent.atomic.AtomicInteger PASSED = new java.util.concurrent.atomic.AtomicInteger();

    /** In the middle of a store's {@code COPY} out of PROD, after its first rows. */
    public static final String EXTRACTOR_MID_COPY = "extractor.mid-copy";
    /** After the anonymized batch's manifest is acknowledged, before the extracted record's offset is committed. */
    public static final String ANONYMIZER_AFTER_PUBLISH = "anonymizer.after-publish";
    /** After a store's load committed in CERT, before its result is sent. */
    public static final String LOADER_AFTER_COMMIT = "loader.after-commit";
    /** After the outbox relay's sends were acknowledged, before it marks the rows sent. */
    public static final String COORDINATOR_AFTER_SEND = "coordinator.after-send";

    private KillPoint() {
    }

    /**
     * Halts the JVM with exit code 137 (what a SIGKILL shows) when {@code point} is the armed one and has been passed
     * {@value #SKIP} times already.
     */
    public static void reach(String point) {
        if (point.equals(System.getProperty(PROPERTY)) && PASSED.getAndIncrement() >= Integer.getInteger(SKIP, 0)) {
            System.err.println("ferry: kill point " + point + " reached: halting");
            Runtime.getRuntime().halt(137);
        }
    }
}
