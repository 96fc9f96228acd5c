package io.ferry.validator.check;

import io.ferry.schema.model.TableId;
import io.ferry.service.run.StagedTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An in-process DuckDB over the run's Parquet batches: one view per staged table. Nothing is installed or
 * downloaded (the extensions it needs are built in), memory and threads are capped, and spills go to the
 * run's work folder.
 */
public final class DuckSession implements AutoCloseable {

    private final Connection connection;
    private final Map<TableId, String> views = new HashMap<>();

    /**
     * @param memoryLimit DuckDB's {@code memory_limit}, e.g. {@code 512MB}
     */
    public DuckSession(Path workFolder, int threads, String memoryLimit) throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        Path home = workFolder.resolve("duckdb");
        try {
            Files.createDirectories(home);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create DuckDB's folder " + home, e);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("SET autoinstall_known_extensions = false");
            st.execute("SET autoload_known_extensions = false");
            st.execute("SET home_directory = " + literal(home.toString()));
            st.execute("SET extension_directory = " + literal(home.resolve("extensions").toString()));
            st.execute("SET temp_directory = " + literal(home.resolve("spill").toString()));
            st.execute("SET threads = " + threads);
            st.execute("SET memory_limit = " + literal(memoryLimit));
            st.execute("SET preserve_insertion_order = false");
        }
    }

    /** Makes the table's batches queryable as {@link #view}. */
    public void register(StagedTable table) throws SQLException {
        String view = "t" + views.size();
        String files = table.files().stream().map(f -> literal(f.toString())).collect(Collectors.joining(", ", "[", "]"));
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE VIEW " + view + " AS SELECT * FROM read_parquet(" + files + ")");
        }
        views.put(table.id(), view);
    }

    /** The view over the table's batches, or empty if the run has none for it. */
    public Optional<String> view(TableId table) {
        return Optional.ofNullable(views.get(table));
    }

    public Connection connection() {
        return connection;
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
