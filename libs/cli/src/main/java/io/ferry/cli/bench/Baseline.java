package io.ferry.cli.bench;

import io.ferry.planning.Closure;
import io.ferry.planning.Tuple;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.parse.EstateProperties;
import io.ferry.spec.parse.Resolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * What moving a district costs without Ferry, measured on the same estate: Ferry's own closure computation alone,
 * then binary {@code COPY} of exactly those rows out of PROD (in the closure's snapshot) and into an empty copy of
 * CERT's tables ({@code LIKE ... INCLUDING ALL}: indexes, defaults, NOT NULL and CHECK constraints; not foreign
 * keys, since raw rows keep references Ferry nullifies or drops), one transaction per store, rolled back. The
 * PostgreSQL stores only: a graph has no bulk copy to compare with. No anonymization, validation, key mapping or
 * ledger: the floor any migration of the same rows stands on.
 */
final class Baseline {

    /** Keys per {@code COPY}: long enough to stream, short enough for one statement's text. */
    private static final int CHUNK = 20_000;
    /** Keys the closure holds on the heap before its dictionaries spill (`ferry plan`'s default). */
    private static final long SPILL_THRESHOLD = 20_000_000L;

    /**
     * Per PostgreSQL store: rows moved, bytes of the binary stream, seconds out of PROD and into CERT's copy, and the
     * closure's rows of tables without a primary key, which are not copied (their whole-row keys may hold values
     * without equality, such as json).
     */
    record StoreCopy(String store, long rows, long bytes, double outSeconds, double inSeconds, long keylessRows) {
    }

    /**
     * @param closureSeconds      the closure computed a second time in this JVM, as warm as the services'
     * @param firstClosureSeconds the first computation, while the JIT compiles it (not part of the baseline)
     * @param closureKeys         rows in the relational closure (PostgreSQL stores)
     */
    record Result(double closureSeconds, double firstClosureSeconds, long closureKeys, List<StoreCopy> stores) {

        double outSeconds() {
            return stores.stream().mapToDouble(StoreCopy::outSeconds).sum();
        }

        double inSeconds() {
            return stores.stream().mapToDouble(StoreCopy::inSeconds).sum();
        }

        double copySeconds() {
            return outSeconds() + inSeconds();
        }

        double totalSeconds() {
            return closureSeconds + copySeconds();
        }

        long rows() {
            return stores.stream().mapToLong(StoreCopy::rows).sum();
        }
    }

    private Baseline() {
    }

    /**
     * The baseline {@code times} times over, after one closure computed untimed to warm this JVM.
     *
     * @param estate the embedded estate's properties: CERT is written as its superuser, in a rolled-back scratch schema
     */
    static List<Result> measure(Spec spec, Resolver resolver, EstateProperties estate, String district, int times)
            throws SQLException {
        try (ProdSnapshot snapshot = ProdSnapshot.open(spec, resolver)) {
            // The services that Ferry's run is measured on are warm; this JVM computes its first closure while it
            // compiles the engine (17.2 s against 6.3-7.8 s for the next three, 2026-12-01), so that one is not the
            // baseline's: it is timed apart, and the next one counts.
            long first = System.nanoTime();
            DistrictClosure.compute(spec, snapshot, district, SPILL_THRESHOLD).close();
            double firstSeconds = (System.nanoTime() - first) / 1e9;
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                results.add(once(spec, snapshot, estate, district, firstSeconds));
            }
            return results;
        }
    }

    private static Result once(Spec spec, ProdSnapshot snapshot, EstateProperties estate, String district,
            double firstSeconds) throws SQLException {
        long start = System.nanoTime();
        try (DistrictClosure closure = DistrictClosure.compute(spec, snapshot, district, SPILL_THRESHOLD)) {
            double closureSeconds = (System.nanoTime() - start) / 1e9;
            Closure relational = closure.relational();
            List<StoreCopy> stores = new ArrayList<>();
            for (Store store : spec.stores().values()) {
                if (store.kind() == StoreKind.POSTGRES) {
                    stores.add(copyStore(store.name(), relational, snapshot.connection(store.name()).orElseThrow(),
                            estate));
                }
            }
            return new Result(closureSeconds, firstSeconds, relational.keyCount(), stores);
        }
    }

    private static StoreCopy copyStore(String store, Closure closure, Connection prod, EstateProperties estate)
            throws SQLException {
        long rows = 0;
        long bytes = 0;
        long out = 0;
        long in = 0;
        long keyless = 0;
        try (Connection cert = DriverManager.getConnection(estate.require("cert." + store + ".url"), "postgres", "")) {
            cert.setAutoCommit(false);
            try (Statement st = cert.createStatement()) {
                st.execute("CREATE SCHEMA ferry_bench");
            }
            CopyManager from = prod.unwrap(PGConnection.class).getCopyAPI();
            CopyManager into = cert.unwrap(PGConnection.class).getCopyAPI();
            int n = 0;
            for (TableId table : closure.tables()) {
                if (!table.store().equals(store) || closure.keys(table).isEmpty()) {
                    continue;
                }
                if (!hasPrimaryKey(prod, table)) {
                    keyless += closure.keys(table).size();
                    continue;
                }
                Map<String, String> prodTypes = types(prod, table, false);
                List<String> columns = commonColumns(prodTypes, cert, table);
                if (columns.isEmpty()) {
                    continue;
                }
                String copy = "ferry_bench.t" + n++;
                try (Statement st = cert.createStatement()) {
                    st.execute("CREATE TABLE " + copy + " (LIKE " + table.qualified() + " INCLUDING ALL)");
                }
                String list = String.join(", ", columns.stream().map(TableId::quote).toList());
                List<Tuple> keys = closure.keys(table);
                List<String> keyColumns = closure.keyColumns(table);
                List<String> keyTypes = keyColumns.stream().map(prodTypes::get).toList();
                for (int from0 = 0; from0 < keys.size(); from0 += CHUNK) {
                    List<Tuple> chunk = keys.subList(from0, Math.min(keys.size(), from0 + CHUNK));
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    long t = System.nanoTime();
                    rows += from.copyOut("COPY (SELECT " + list + " FROM " + table.qualified() + " WHERE "
                            + match(keyColumns, keyTypes, chunk) + ") TO STDOUT (FORMAT binary)", buffer);
                    long t2 = System.nanoTime();
                    into.copyIn("COPY " + copy + " (" + list + ") FROM STDIN (FORMAT binary)",
                            new ByteArrayInputStream(buffer.toByteArray()));
                    long t3 = System.nanoTime();
                    out += t2 - t;
                    in += t3 - t2;
                    bytes += buffer.size();
                }
            }
            long t = System.nanoTime();
            // one transaction per store, as the loader's: its end is part of the cost, then nothing of it stays
            try (Statement st = cert.createStatement()) {
                st.execute("SET CONSTRAINTS ALL IMMEDIATE");
            }
            in += System.nanoTime() - t;
            cert.rollback();
        } catch (IOException e) {
            throw new UncheckedIOException("copying store " + store + " failed", e);
        }
        return new StoreCopy(store, rows, bytes, out / 1e9, in / 1e9, keyless);
    }

    private static boolean hasPrimaryKey(Connection c, TableId table) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_index WHERE indrelid ="
                + " ?::regclass AND indisprimary)")) {
            st.setString(1, table.qualified());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The columns PROD and CERT both have with the same type, CERT's generated ones left out (binary COPY needs both). */
    private static List<String> commonColumns(Map<String, String> prodTypes, Connection cert, TableId table)
            throws SQLException {
        Map<String, String> certTypes = types(cert, table, true);
        return certTypes.entrySet().stream().filter(e -> e.getValue().equals(prodTypes.get(e.getKey())))
                .map(Map.Entry::getKey).toList();
    }

    private static Map<String, String> types(Connection c, TableId table, boolean writableOnly) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT attname, format_type(atttypid, NULL) FROM pg_attribute"
                + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped"
                + (writableOnly ? " AND attgenerated = ''" : "") + " ORDER BY attnum")) {
            st.setString(1, table.qualified());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    /**
     * The rows of {@code keys}, as the extractor would select them: {@code "id" = ANY('{1,2}'::bigint[])}, or for a
     * composite key a hash semi-join on {@code ("a", "b") IN (VALUES ('1'::bigint, 'x'::text), ...)}.
     */
    private static String match(List<String> columns, List<String> types, List<Tuple> keys) {
        if (columns.size() == 1) {
            List<String> elements = new ArrayList<>();
            for (Tuple key : keys) {
                Object v = key.values()[0];
                elements.add(v == null ? "NULL" : "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
            return TableId.quote(columns.get(0)) + " = ANY(" + literal("{" + String.join(",", elements) + "}") + "::"
                    + types.get(0) + "[])";
        }
        List<String> rows = new ArrayList<>();
        for (Tuple key : keys) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < key.values().length; i++) {
                Object v = key.values()[i];
                // the first row's casts type the VALUES list's columns
                values.add((v == null ? "NULL" : literal(v.toString())) + (rows.isEmpty() ? "::" + types.get(i) : ""));
            }
            rows.add("(" + String.join(", ", values) + ")");
        }
        return "(" + String.join(", ", columns.stream().map(TableId::quote).toList()) + ") IN (VALUES "
                + String.join(", ", rows) + ")";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
