package io.ferry.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One small estate per test JVM for the ITs that only read it (an estate takes 15-30 s to come up),
 * taken down by a shutdown hook, or by the class that {@link #release}s it ({@code EstateLifecycleIT}, the module's
 * last). Tests that need other options bring up their own.
 */
public final class SharedEstate {

    private static Path dir;

    private SharedEstate() {
    }

    /** The directory of a running small estate (seed 42): estate.properties, ferry.yaml, planted.json. */
    public static synchronized Path small() {
        if (dir == null) {
            try {
                Path created = Files.createTempDirectory("shared-estate-");
                if (FerryCli.execute("estate", "up", "--preset", "small", "--dir", created.toString()) != 0) {
                    throw new IllegalStateException("the shared test estate did not come up; see " + created.resolve("estate.log"));
                }
                dir = created;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    if (Files.exists(created)) {
                        FerryCli.execute("estate", "down", "--dir", created.toString());
                    }
                }, "shared-estate-down"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /**
     * Hands the running estate over to the caller, who may stop or kill it; a later {@link #small} brings up another.
     *
     * @return its directory, as {@link #small} returns it
     */
    public static synchronized Path release() {
        Path released = small();
        dir = null;
        return released;
    }
}
