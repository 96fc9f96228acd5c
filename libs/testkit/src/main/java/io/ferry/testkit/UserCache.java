package io.ferry.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code ~/.cache/ferry}: what is worth keeping between processes and builds (unpacked PostgreSQL binaries, the
 * estate's class-data archive). Everything in it can be deleted at any time; it is made again when needed.
 */
public final class UserCache {

    private UserCache() {
    }

    /** The cache itself, created if needed; empty when the home folder is not writable. */
    public static Optional<Path> root() {
        return create(base());
    }

    /** The folder {@code name} of the cache, created if needed; empty when the home folder is not writable. */
    public static Optional<Path> directory(String name) {
        return create(base().resolve(name));
    }

    private static Path base() {
        return Path.of(System.getProperty("user.home"), ".cache", "ferry");
    }

    private static Optional<Path> create(Path dir) {
        try {
            return Optional.of(Files.createDirectories(dir));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
