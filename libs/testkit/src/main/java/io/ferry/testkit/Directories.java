package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Creates the throwaway directories servers run in and removes them once the servers are stopped. */
public final class Directories {

    private Directories() {
    }

    /**
     * A new directory under {@code java.io.tmpdir} as it is set now. The JDK's own temp files keep the
     * value the JVM started with; reading it late lets a build point tests' servers into {@code target/}.
     */
    public static Path createTemp(String prefix) {
        try {
            Path base = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            return Files.createTempDirectory(base, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory", e);
        }
    }

    /** Deletes {@code dir} and everything below it; does nothing when it does not exist. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
