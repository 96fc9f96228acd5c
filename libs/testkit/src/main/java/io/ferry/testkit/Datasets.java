package io.ferry.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared public datasets (Pagila, Northwind, the Northwind graph): {@code FERRY_DATASETS}
 * if set, else {@code ../shared/datasets} from the repository root. Tests that cannot find them are
 * skipped with {@link #missingMessage()}, which names the path that was tried.
 */
public final class Datasets {

    public static final String ENV = "FERRY_DATASETS";

    private Datasets() {
    }

    /** The path that is tried: {@code $FERRY_DATASETS}, else {@code <repo root>/../shared/datasets}. */
    public static Path candidate() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return repoRoot().resolve("../shared/datasets").toAbsolutePath().normalize();
    }

    public static Optional<Path> root() {
        Path candidate = candidate();
        return Files.isDirectory(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    public static String missingMessage() {
        return "public datasets not found at " + candidate() + " (set " + ENV + " to the datasets folder)";
    }

    /** The repository root: the {@code ferry.repo.root} property Maven sets, else the first parent holding {@code ferry}. */
    public static Path repoRoot() {
        String prop = System.getProperty("ferry.repo.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("ferry")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return dir;
    }
}
