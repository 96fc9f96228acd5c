package io.ferry.contracts.messages;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden files under {@code src/test/resources/golden/}. Run the tests with
 * {@code -Dferry.golden.update=true} to rewrite them from {@link Samples}; then review the diff.
 */
final class GoldenFiles {

    static final boolean UPDATE = Boolean.getBoolean("ferry.golden.update");

    private static final Path SOURCE_DIR = Path.of("src", "test", "resources", "golden");
    private static final ObjectMapper MAPPER = Json.newMapper();

    private GoldenFiles() {
    }

    static String resource(String name) {
        return "/golden/" + name + ".json";
    }

    static boolean exists(String name) {
        return UPDATE ? Files.exists(SOURCE_DIR.resolve(name + ".json"))
                : GoldenFiles.class.getResource(resource(name)) != null;
    }

    static byte[] read(String name) {
        try {
            if (UPDATE) {
                return Files.readAllBytes(SOURCE_DIR.resolve(name + ".json"));
            }
            try (InputStream in = GoldenFiles.class.getResourceAsStream(resource(name))) {
                if (in == null) {
                    throw new AssertionError("no golden file " + resource(name)
                            + "; run the tests with -Dferry.golden.update=true");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String name) {
        try {
            return MAPPER.readTree(read(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(String name, Object message) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
        printer.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        try {
            Files.createDirectories(SOURCE_DIR);
            String json = MAPPER.writer(printer).writeValueAsString(message) + "\n";
            Files.writeString(SOURCE_DIR.resolve(name + ".json"), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
