package io.ferry.service.run;

import io.ferry.contracts.ids.RunId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A phase service's per-request folders under its work root, {@code {runId}-{attempt}}, or
 * {@code {runId}-{attempt}.{part}} for one part of a request that runs beside the others (a store's load), holding
 * plaintext copies of a run's anonymized batches and spill files. A request deletes its own; a crash leaves one behind,
 * which {@link #deleteLeftovers} removes at the next start. Only folders named like a request's are touched,
 * so a work root pointed at a shared folder by mistake loses nothing else.
 */
public final class WorkFolders {

    private static final Pattern NAME = Pattern.compile("(.+?)-(\\d+)(\\.[A-Za-z0-9_-]+)?");

    private WorkFolders() {
    }

    public static Path of(Path root, String runId, int attempt) {
        return root.resolve(runId + "-" + attempt);
    }

    /**
     * The folder of one part of a request, beside the request's other parts (not inside a shared folder that the
     * first to finish would delete).
     *
     * @param part letters, digits, '_' and '-', as a store's name
     */
    public static Path of(Path root, String runId, int attempt, String part) {
        return root.resolve(runId + "-" + attempt + "." + part);
    }

    /** Whether {@code name} is the folder name of some request. */
    static boolean isWorkFolder(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() && RunId.isValid(m.group(1));
    }

    /** @return the request folders deleted (none when the root does not exist) */
    public static List<Path> deleteLeftovers(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            List<Path> leftovers = children.filter(Files::isDirectory)
                    .filter(p -> isWorkFolder(p.getFileName().toString())).toList();
            for (Path folder : leftovers) {
                deleteTree(folder);
            }
            return leftovers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the work folder " + root, e);
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the work folder " + root, e);
        }
    }
}
