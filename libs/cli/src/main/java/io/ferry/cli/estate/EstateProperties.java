package io.ferry.cli.estate;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code estate.properties}: plain {@code key=value} lines in UTF-8 with no backslash escapes (DESIGN.md,
 * Interfaces), so that shell scripts and other tools can read it with {@code cut -d= -f2-}.
 * {@link java.util.Properties#store} would escape colons in JDBC URLs, hence this class.
 */
public final class EstateProperties {

    private final Map<String, String> values;

    public EstateProperties(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static EstateProperties parse(List<String> lines, String source) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new FerryException(ExitCodes.NOT_OK, source + ":" + (i + 1)
                        + ": expected 'key=value'; the file is written by 'ferry estate up' — run 'ferry estate down' and up again");
            }
            values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return new EstateProperties(values);
    }

    public static EstateProperties read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new FerryException(ExitCodes.NOT_FOUND, "cannot read " + file + ": " + e.getMessage());
        }
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

    public String require(String key) {
        return get(key).orElseThrow(() -> new FerryException(ExitCodes.NOT_OK,
                "estate.properties has no '" + key + "'; run 'ferry estate down' and up again"));
    }

    public Map<String, String> asMap() {
        return values;
    }
}
