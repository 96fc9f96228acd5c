package io.ferry.service.testing;

import io.ferry.spec.SpecHash;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The repository's Pagila spec, staged as the coordinator would: {@code specs/{hash}.yaml}. Shared by the
 * services' tests through the kit's test jar.
 */
public final class TestSpecs {

    /** What the spec's {@code ${...}}s resolve to in tests; nothing connects to it. */
    public static final Map<String, String> PAGILA_PROPERTIES = Map.of(
            "prod.pagila.url", "jdbc:postgresql://127.0.0.1:1/pagila",
            "prod.pagila.user", "ferry",
            "prod.pagila.password", "not-a-real-password");

    private TestSpecs() {
    }

    /** From {@code ferry.repo.root} (the build sets it), else the nearest folder up that has the spec. */
    public static Path pagilaFile() {
        String root = System.getProperty("ferry.repo.root");
        Path spec = Path.of("specs", "pagila", "ferry.yaml");
        if (root != null && !root.isBlank()) {
            return Path.of(root).resolve(spec);
        }
        return Stream.iterate(Path.of("").toAbsolutePath(), folder -> folder != null, Path::getParent)
                .map(folder -> folder.resolve(spec)).filter(Files::isRegularFile).findFirst()
                .orElse(spec);
    }

    public static String pagilaText() {
        try {
            return Files.readString(pagilaFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hash of {@code text}; connections do not count, so it parses without resolving any. */
    public static String hashOf(String text) {
        Spec spec = new SpecParser(new Resolver(Map.of(), Map.of(), Path.of(".")), Set.of())
                .read("ferry.yaml", text, Path.of("."));
        return SpecHash.of(spec);
    }

    /** Stages {@code text} under {@code key} of the staging at {@code root}. */
    public static void stage(Path root, String key, String text) {
        try {
            Path local = Files.createTempFile("spec-", ".yaml");
            Files.writeString(local, text, StandardCharsets.UTF_8);
            new FileSystemStaging(root).put(key, local);
            Files.delete(local);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages the Pagila spec under its hash and returns the hash. */
    public static String stagePagila(Path root) {
        String text = pagilaText();
        String hash = hashOf(text);
        stage(root, StagingLayout.spec(hash), text);
        return hash;
    }

    /** Writes {@link #PAGILA_PROPERTIES} as an {@code estate.properties}-style file. */
    public static Path writeProperties(Path file) {
        new io.ferry.spec.parse.EstateProperties(PAGILA_PROPERTIES).write(file);
        return file;
    }
}
