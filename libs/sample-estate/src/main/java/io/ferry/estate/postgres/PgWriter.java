package io.ferry.estate.postgres;

import io.ferry.estate.model.World;
import io.ferry.estate.tables.RowSink;
import io.ferry.estate.tables.TableDef;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Creates one store's database on a server, runs its DDL (plus CERT drift), streams every table
 * through {@code COPY ... FROM STDIN} in text format, then adds keys, references and indexes.
 */
public final class PgWriter {
    private PgWriter() {
    }

    /** What was loaded into one table. */
    public record TableResult(String store, String table, long rows, long[] perDistrict, long sharedRows, long[] setCounts) {
    }

    public static String resource(String name) {
        try (InputStream in = PgWriter.class.getResourceAsStream("/io/ferry/estate/sql/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store's DDL with the partition bounds of the world's school years filled in. */
    public static String schema(String store, World world) {
        int y = world.schoolYear;
        return resource(store + "-schema.sql")
                .replace("${PREV}", "y" + (y - 1))
                .replace("${CUR}", "y" + y)
                .replace("${PREV_START}", (y - 1) + "-08-01")
                .replace("${CUR_START}", y + "-08-01")
                .replace("${NEXT_START}", (y + 1) + "-08-01");
    }

    public static List<TableResult> writeStore(PostgresServer server, String store, List<TableDef> tables, World world,
                                               Map<String, List<int[]>> countSets) {
        server.createDatabase(store);
        List<TableResult> results = new ArrayList<>();
        try (Connection c = server.connect(store)) {
            SqlScriptRunner.run(c, schema(store, world), store + "-schema.sql");
            if (world.cert) {
                String drift = store + "-cert-drift.sql";
                if (PgWriter.class.getResource("/io/ferry/estate/sql/" + drift) != null) {
                    SqlScriptRunner.run(c, resource(drift), drift);
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("SET synchronous_commit = off");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (TableDef t : tables) {
                results.add(copyTable(copy, t, world, countSets.getOrDefault(store + "." + t.table(), List.of())));
            }
            SqlScriptRunner.run(c, resource(store + "-constraints.sql"), store + "-constraints.sql");
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not load " + store + ": " + e.getMessage(), e);
        }
        return results;
    }

    static TableResult copyTable(CopyManager copy, TableDef t, World world, List<int[]> sets) throws SQLException {
        String sql = "COPY " + t.table() + " (" + String.join(", ", t.copyColumns(world.cert)) + ") FROM STDIN";
        CopyIn in = copy.copyIn(sql);
        try {
            RowSink sink = new RowSink(t.columns().size(), t.skipMask(world.cert), sets, world.districts.size(), sb -> {
                byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                try {
                    in.writeToCopy(bytes, 0, bytes.length);
                } catch (SQLException e) {
                    throw new IllegalStateException("COPY " + t.table() + " failed: " + e.getMessage(), e);
                }
            });
            t.emitter().emit(world, sink);
            sink.flush();
            long n = in.endCopy();
            if (n != sink.rows()) {
                throw new IllegalStateException("COPY " + t.table() + " loaded " + n + " rows, expected " + sink.rows());
            }
            return result(t, sink, sets.size());
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Emits a table without a server: counts only (used by bookkeeping without servers and by tests). */
    public static TableResult count(TableDef t, World world, List<int[]> sets) {
        RowSink sink = new RowSink(t.columns().size(), t.skipMask(world.cert), sets, world.districts.size(), null);
        t.emitter().emit(world, sink);
        return result(t, sink, sets.size());
    }

    /** Emits a table as COPY text into a string (tests). */
    public static String text(TableDef t, World world) {
        StringBuilder out = new StringBuilder();
        RowSink sink = new RowSink(t.columns().size(), t.skipMask(world.cert), List.of(), world.districts.size(), out::append);
        t.emitter().emit(world, sink);
        sink.flush();
        return out.toString();
    }

    private static TableResult result(TableDef t, RowSink sink, int sets) {
        long[] counts = new long[sets];
        for (int i = 0; i < sets; i++) {
            counts[i] = sink.setCount(i);
        }
        return new TableResult(t.store(), t.table(), sink.rows(), sink.perDistrict(), sink.sharedRows(), counts);
    }

    /** PROD: a read-only login role. CERT: a read-write role that may also create schemas (init-target). */
    public static void roles(PostgresServer server, List<String> databases, String user, String password, boolean cert) {
        if (user == null || user.isBlank()) {
            return;
        }
        try (Connection c = server.connect("postgres"); Statement st = c.createStatement()) {
            String role = quoteIdent(user);
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD " + quoteLiteral(password == null ? "" : password));
            st.execute("GRANT pg_read_all_data TO " + role);
            if (cert) {
                st.execute("GRANT pg_write_all_data TO " + role);
                for (String db : databases) {
                    st.execute("GRANT CREATE ON DATABASE " + quoteIdent(db) + " TO " + role);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create role " + user + ": " + e.getMessage(), e);
        }
    }

    static String quoteIdent(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static String quoteLiteral(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
