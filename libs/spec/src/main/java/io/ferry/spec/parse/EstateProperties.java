package io.ferry.spec.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code estate.properties} (DESIGN.md, Interfaces): plain {@code key=value} lines in UTF-8 with no
 * backslash escapes, so a JDBC URL, a Windows path or a password reads as written and shell tools can
 * read it with {@code cut -d= -f2-}. Keys and values are trimmed; {@code #} starts a comment line.
 * {@link java.util.Properties#store} would escape the colons of every URL, hence this codec. The only
 * one in Ferry: the estate writes it, specs resolve {@code ${key}}s from it.
 */
public final class EstateProperties {

    public static final String FILE_NAME = "estate.properties";

    private final Map<String, String> values;

    public EstateProperties(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param source the file name that errors show
     * @throws IllegalArgumentException for a line that is not {@code key=value}, naming file and line
     */
    public static EstateProperties parse(List<String> lines, String source) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected 'key=value'");
            }
            values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return new EstateProperties(values);
    }

    public static EstateProperties parse(String text, String source) {
        return parse(Arrays.asList(text.split("\r?\n")), source);
    }

    /** Reads the file; it must exist. */
    public static EstateProperties read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The file's properties, or none when there is no such file. */
    public static EstateProperties readIfPresent(Path file) {
        return Files.isRegularFile(file) ? read(file) : new EstateProperties(Map.of());
    }

    public List<String> lines() {
        return values.entrySet().stream().map(e -> {
            if (e.getValue().contains("\n") || e.getKey().contains("=")) {
                throw new IllegalArgumentException("estate property " + e.getKey() + " cannot be written as one line");
            }
            return e.getKey() + "=" + e.getValue();
        }).toList();
    }

    /** Writes the file atomically (temp file, then rename): readers see all of it or nothing. */
    public void write(Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** @throws IllegalArgumentException naming the missing key */
    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException(FILE_NAME + " has no '" + key + "'"));
    }

    public Map<String, String> asMap() {
        return values;
    }
}
