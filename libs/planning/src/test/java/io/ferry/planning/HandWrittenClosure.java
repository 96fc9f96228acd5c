package io.ferry.planning;

import io.ferry.schema.model.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the hand-written closure queries of {@code src/test/resources/closure/NAME/} (see the README there)
 * store by store, feeding each store the id sets the earlier stores' queries produced, and returns every
 * table's keys as {@code --keys-out} lines. Nothing here looks at the engine.
 */
final class HandWrittenClosure {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(?:(down|in):([a-z0-9_]+)\\.([a-z_]+)|district)}");

    private final Path dir;
    private final String district;
    private final Map<String, TreeSet<Long>> sets = new HashMap<>();
    private final Map<TableId, List<String>> keys = new LinkedHashMap<>();

    HandWrittenClosure(Path dir, String district) {
        this.dir = dir;
        this.district = district;
    }

    /** Runs the queries of {@code store} (call the stores in the order their placeholders need). */
    HandWrittenClosure run(String store, Connection c) throws SQLException {
        Path storeDir = dir.resolve(store);
        String with = read(storeDir.resolve("_with.sql"));
        if (Files.exists(storeDir.resolve("_sets.sql"))) {
            query(c, with + read(storeDir.resolve("_sets.sql")), row -> sets
                    .computeIfAbsent(row.get(0) + ":" + store + "." + row.get(1), k -> new TreeSet<>())
                    .add(Long.parseLong(row.get(2))));
        }
        try (Stream<Path> files = Files.list(storeDir)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().startsWith("_") && f.toString().endsWith(".sql"))
                    .sorted().toList()) {
                String name = f.getFileName().toString();
                int dot = name.indexOf('.');
                TableId table = new TableId(store, name.substring(0, dot), name.substring(dot + 1, name.length() - 4));
                List<String> lines = new ArrayList<>();
                query(c, with + read(f), row -> {
                    String line = KeysWriter.line(row.toArray());
                    lines.add(line.substring(0, line.length() - 1));
                });
                keys.put(table, lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The rows of one of {@code store}'s {@code _} files (a report, not a table), run after its {@code _with.sql}. */
    List<List<String>> rows(String store, Connection c, String file) throws SQLException {
        Path storeDir = dir.resolve(store);
        List<List<String>> rows = new ArrayList<>();
        query(c, read(storeDir.resolve("_with.sql")) + read(storeDir.resolve(file)), rows::add);
        return rows;
    }

    Map<TableId, List<String>> keys() {
        return keys;
    }

    /**
     * Asserts that the engine's keys files in {@code keysDir} hold exactly these keys, table for table and
     * line for line, and that they are all of the plan's rows; returns how many keys were compared.
     */
    long assertMatches(Path keysDir, List<TableId> engineTables, long planRows) throws IOException {
        org.assertj.core.api.Assertions.assertThat(engineTables).containsExactlyInAnyOrderElementsOf(keys().keySet());
        long compared = 0;
        for (Map.Entry<TableId, List<String>> e : keys().entrySet()) {
            org.assertj.core.api.Assertions.assertThat(KeysWriter.lines(KeysWriter.file(keysDir, e.getKey())))
                    .as(e.getKey().toString()).isEqualTo(e.getValue());
            compared += e.getValue().size();
        }
        org.assertj.core.api.Assertions.assertThat(compared).isEqualTo(planRows).isPositive();
        return compared;
    }

    private interface RowConsumer {
        void accept(List<String> row);
    }

    private void query(Connection c, String sql, RowConsumer rows) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(substitute(sql))) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.accept(row);
            }
        }
    }

    private String substitute(String sql) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(1) == null) {
                value = "'" + district.replace("'", "''") + "'";
            } else {
                TreeSet<Long> ids = sets.get(m.group(1) + ":" + m.group(2) + "." + m.group(3));
                if (ids == null) {
                    throw new IllegalStateException("no hand-written set for " + m.group());
                }
                value = "'{" + String.join(",", ids.stream().map(String::valueOf).toList()) + "}'::bigint[]";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) + "\n" : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
