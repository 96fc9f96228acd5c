package io.ferry.service.staging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a service can use its filesystem staging root, for its readiness check: the root exists, is a
 * folder, and a file can be created and deleted in it. The probe file's name starts with {@code .},
 * which staging never lists, so no reader ever sees it.
 */
public final class StagingProbe {

    private StagingProbe() {
    }

    /** What keeps {@code root} from being used ({@code not a folder}, {@code does not exist}, ...), or empty. */
    public static Optional<String> problem(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.of(Files.exists(root) ? "not a folder" : "does not exist");
        }
        try {
            Path probe = Files.createTempFile(root, ".ferry-ready-", ".probe");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("not writable (" + e.getClass().getSimpleName() + ")");
        }
    }
}
