package io.ferry.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The estate's honeytokens (planted personal values, {@code honeytokens.json}) looked for in the services' logs: a
 * hit means personal data reached a log. A hit is reported by file and by where the honeytoken lives, never by value.
 */
final class LogScan {

    /** One honeytoken found in one log file. */
    record Hit(Path file, String where) {
    }

    private LogScan() {
    }

    static List<Hit> scan(Path honeytokens, Path logs) {
        List<String[]> tokens = new ArrayList<>();
        try {
            for (JsonNode h : new ObjectMapper().readTree(honeytokens.toFile()).path("honeytokens")) {
                String value = h.path("value").asText("");
                // Short values (a two-letter state) would be found by chance in any log.
                if (value.length() >= 6) {
                    tokens.add(new String[] {value.toLowerCase(Locale.ROOT), h.path("store").asText() + "."
                            + h.path("table").asText() + "." + h.path("column").asText()});
                }
            }
            List<Hit> hits = new ArrayList<>();
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                    String text = Files.readString(file, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                    for (String[] t : tokens) {
                        if (text.contains(t[0])) {
                            hits.add(new Hit(file, t[1]));
                        }
                    }
                }
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan the logs in " + logs + " for honeytokens", e);
        }
    }
}
