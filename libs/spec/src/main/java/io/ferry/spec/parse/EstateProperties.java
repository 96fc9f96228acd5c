package io.ferry.spec.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code estate.properties}: plain {@code key=value} lines, UTF-8, no backslash escapes (so a
 * Windows path or a password with a backslash reads as written); {@code #} starts a comment line.
 */
public final class EstateProperties {

    public static final String FILE_NAME = "estate.properties";

    private EstateProperties() {
    }

    /** The file's keys and values; empty if there is no file. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int equals = line.indexOf('=');
            if (line.isBlank() || line.stripLeading().startsWith("#") || equals < 0) {
                continue;
            }
            values.put(line.substring(0, equals).strip(), line.substring(equals + 1));
        }
        return Map.copyOf(values);
    }
}
