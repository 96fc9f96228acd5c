package io.ferry.planning;

import io.ferry.schema.model.TableId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --keys-out DIR}: {@code DIR/{store}/{schema}.{name}.csv} per table of the closure, a header of
 * the key columns, then the sorted keys (all columns for a table without a primary key). CSV as RFC 4180:
 * NULL is an empty field, an empty string is {@code ""}.
 */
public final class KeysWriter {
    private KeysWriter() {
    }

    public static void write(Closure closure, Path dir) {
        for (TableId t : closure.tables()) {
            Path file = file(dir, t);
            try {
                Files.createDirectories(file.getParent());
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    w.write(line(closure.keyColumns(t).toArray()));
                    for (Tuple k : closure.keys(t)) {
                        w.write(line(k.values()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the keys of " + t, e);
            }
        }
    }

    public static Path file(Path dir, TableId t) {
        return dir.resolve(t.store()).resolve(t.schema() + "." + t.name() + ".csv");
    }

    /** One CSV line (with its newline). */
    public static String line(Object[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values[i];
            if (v == null) {
                continue;
            }
            String s = v.toString();
            if (s.isEmpty() || s.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        return b.append('\n').toString();
    }

    /** Reads back the values of a keys file's lines (without the header), for comparisons. */
    public static List<String> lines(Path file) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return all.subList(1, all.size());
    }
}
