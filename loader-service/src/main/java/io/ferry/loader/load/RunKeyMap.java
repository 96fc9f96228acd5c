package io.ferry.loader.load;

import io.ferry.batches.CopyText;
import io.ferry.cert.LedgerKeys;
import io.ferry.cert.SharedRows;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's key maps inside the load's transaction: a temporary table {@value #TABLE} of (table, source key,
 * CERT key) as text, which every insert joins to rewrite keys and references set-based. Remapped tables are
 * mapped here and written to {@code ferry.key_map}; other stores' maps are read in from theirs. An entry marked
 * {@code shared} sends a source key to a row another district's live run loaded ({@link SharedRows}): the run
 * references that row and does not insert it, and the entry stays out of the district's {@code ferry.key_map}.
 */
final class RunKeyMap {

    static final String TABLE = "ferry_run_key_map";

    private final Connection cert;
    private final String district;
    private final String runId;

    private RunKeyMap(Connection cert, String district, String runId) {
        this.cert = cert;
        this.district = district;
        this.runId = runId;
    }

    static RunKeyMap create(Connection cert, String district, String runId) throws SQLException {
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE TEMP TABLE " + TABLE + " (tbl text NOT NULL, source text NOT NULL, cert text NOT NULL,"
                    + " shared boolean NOT NULL DEFAULT false, PRIMARY KEY (tbl, source)) ON COMMIT DROP");
            st.execute("CREATE INDEX ON " + TABLE + " (tbl, cert)");
        }
        return new RunKeyMap(cert, district, runId);
    }

    /** Statistics for the joins that read the maps: the planner would otherwise guess their size. */
    void analyze() throws SQLException {
        try (Statement st = cert.createStatement()) {
            st.execute("ANALYZE " + TABLE);
        }
    }

    /** Another store's map of {@code table}, as its {@code ferry.key_map} holds it for the district. */
    void load(TableId table, Map<String, String> sourceToCert) throws SQLException {
        CopyIn in = cert.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + TABLE + " (tbl, source, cert) FROM STDIN");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String name = table.toString();
            // In the map's key order, as every insert into the map goes (see remap).
            for (Map.Entry<String, String> e : new TreeMap<>(sourceToCert).entrySet()) {
                CopyText.encodeRow(new String[] {name, e.getKey(), e.getValue()}, out);
            }
            in.writeToCopy(out.toByteArray(), 0, out.size());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /**
     * Maps every source key of a remapped table: the row another district's live run loaded for it, shared;
     * else the district's earlier CERT key where it is free again (so a refresh lands on the same keys), else
     * the source key itself where CERT holds no such row and no other district's map claims it, else a fresh key
     * above everything CERT, the maps and the run hold (and above the column's sequence, which is then moved
     * forward past every key the run uses).
     *
     * @param keyText the staged table's text expression of the key, over alias {@code s} of {@code rows}
     * @return how many keys differ from their source
     */
    long remap(Table table, String column, String rows, String keyText) throws SQLException {
        String tbl = LedgerKeys.literal(table.id().toString());
        String ledgerName = LedgerKeys.literal(table.id().qualified());
        String col = TableId.quote(column);
        String target = table.id().qualified();
        // The distinct source keys, made once for the statements below (each made them again) and analyzed, so the
        // planner sizes their joins.
        String sources = "ferry_map_sources";
        String sequence = sequence(table, column);
        String unmapped = "NOT EXISTS (SELECT 1 FROM " + TABLE + " m WHERE m.tbl = " + tbl + " AND m.source = s.src)";
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE TEMP TABLE " + sources + " ON COMMIT DROP AS SELECT DISTINCT " + keyText + " AS src FROM "
                    + rows + " s WHERE " + keyText + " IS NOT NULL");
            st.execute("ANALYZE " + sources);
            st.executeUpdate("INSERT INTO " + TABLE + " (tbl, source, cert, shared) SELECT DISTINCT ON (s.src) " + tbl
                    + ", s.src, k.cert_key, true FROM " + sources + " s JOIN ferry.key_map k ON "
                    + SharedRows.keyMapRow(table, "s.src", district) + " ORDER BY s.src, k.cert_key");
            // Every insert below goes in the order of the map's key: one index page after the other, where rows in
            // a hash's order would each descend to a page of their own (a quarter of the map's cost for 120k keys).
            st.executeUpdate("INSERT INTO " + TABLE + " (tbl, source, cert) SELECT " + tbl + ", s.src, k.cert_key FROM "
                    + sources + " s JOIN ferry.key_map k ON k.district = " + LedgerKeys.literal(district)
                    + " AND k.table_name = " + ledgerName + " AND k.source_key = s.src"
                    + " WHERE " + unmapped
                    + " AND NOT EXISTS (SELECT 1 FROM " + target + " t WHERE t." + col + " = k.cert_key::bigint)"
                    + " ORDER BY s.src");
            st.executeUpdate("INSERT INTO " + TABLE + " (tbl, source, cert) SELECT " + tbl + ", s.src, s.src FROM "
                    + sources + " s WHERE " + unmapped + " AND NOT EXISTS (SELECT 1 FROM " + TABLE + " m WHERE m.tbl = " + tbl
                    + " AND m.cert = s.src)"
                    + " AND NOT EXISTS (SELECT 1 FROM " + target + " t WHERE t." + col + " = s.src::bigint)"
                    + " AND NOT EXISTS (SELECT 1 FROM ferry.key_map k WHERE k.table_name = " + ledgerName
                    + " AND k.cert_key = s.src AND NOT (k.district = " + LedgerKeys.literal(district)
                    + " AND k.source_key = s.src))"
                    + " ORDER BY s.src");
            String floor = "greatest((SELECT coalesce(max(" + col + "), 0) FROM " + target + "),"
                    + " (SELECT coalesce(max(cert_key::bigint), 0) FROM ferry.key_map WHERE table_name = " + ledgerName + "),"
                    + " (SELECT coalesce(max(src::bigint), 0) FROM " + sources + " x),"
                    + " (SELECT coalesce(max(cert::bigint), 0) FROM " + TABLE + " WHERE tbl = " + tbl + ")"
                    + (sequence == null ? "" : ", (SELECT last_value FROM " + sequence + ")") + ")";
            st.executeUpdate("INSERT INTO " + TABLE + " (tbl, source, cert) SELECT " + tbl + ", s.src, (f.floor"
                    + " + row_number() OVER (ORDER BY s.src::bigint))::text FROM " + sources + " s, (SELECT " + floor
                    + " AS floor) f WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " m WHERE m.tbl = " + tbl
                    + " AND m.source = s.src) ORDER BY s.src");
            if (sequence != null) {
                // Only forward: CERT's own inserts must never be handed a key the run now holds.
                st.execute("SELECT setval(" + LedgerKeys.literal(sequence) + ", m.top) FROM (SELECT max(cert::bigint) AS"
                        + " top FROM " + TABLE + " WHERE tbl = " + tbl + ") m, " + sequence + " q WHERE m.top > q.last_value");
            }
            st.execute("DROP TABLE " + sources);
        }
        try (PreparedStatement st = cert.prepareStatement("SELECT count(*) FROM " + TABLE + " WHERE tbl = ? AND cert <> source AND NOT shared")) {
            st.setString(1, table.id().toString());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * For a skipped table whose natural key is not its primary key: the source primary key of every staged row
     * whose natural key CERT already holds, mapped to the key of CERT's row, so references follow it there.
     *
     * @param naturalMatch a predicate over {@code t} (CERT's table) and {@code s} (the staged rows)
     */
    void skip(Table table, String column, String rows, String keyText, String naturalMatch) throws SQLException {
        try (Statement st = cert.createStatement()) {
            st.executeUpdate("INSERT INTO " + TABLE + " (tbl, source, cert) SELECT DISTINCT ON (" + keyText + ") "
                    + LedgerKeys.literal(table.id().toString()) + ", " + keyText + ", t." + TableId.quote(column)
                    + "::text FROM " + rows + " s JOIN " + table.id().qualified() + " t ON " + naturalMatch
                    + " WHERE " + keyText + " IS NOT NULL");
        }
    }

    /**
     * Keeps a remapped table's map in {@code ferry.key_map} for the district, replacing its older entries, so
     * the next load of the district (a refresh, or a load after a rollback) lands on the same CERT keys.
     */
    void persist(Table table) throws SQLException {
        String tbl = LedgerKeys.literal(table.id().toString());
        String ledgerName = LedgerKeys.literal(table.id().qualified());
        String d = LedgerKeys.literal(district);
        try (Statement st = cert.createStatement()) {
            st.executeUpdate("DELETE FROM ferry.key_map k USING " + TABLE + " m WHERE m.tbl = " + tbl + " AND NOT m.shared"
                    + " AND k.district = " + d + " AND k.table_name = " + ledgerName + " AND k.cert_key = m.cert"
                    + " AND k.source_key <> m.source");
            // An entry that keeps its CERT key is left as it is (a refresh rewrites nothing), with the run that set it.
            st.executeUpdate("UPDATE ferry.key_map k SET cert_key = m.cert, run_id = " + LedgerKeys.literal(runId) + " FROM "
                    + TABLE + " m WHERE m.tbl = " + tbl + " AND NOT m.shared AND k.district = " + d + " AND k.table_name = "
                    + ledgerName + " AND k.source_key = m.source AND k.cert_key <> m.cert");
            // New entries in the key's order (one index page after the other); the anti-join instead of ON CONFLICT
            // spares each new entry a speculative insertion.
            st.executeUpdate("INSERT INTO ferry.key_map (district, table_name, source_key, cert_key, run_id) SELECT " + d
                    + ", " + ledgerName + ", m.source, m.cert, " + LedgerKeys.literal(runId) + " FROM " + TABLE + " m WHERE"
                    + " m.tbl = " + tbl + " AND NOT m.shared AND NOT EXISTS (SELECT 1 FROM ferry.key_map k WHERE k.district = "
                    + d + " AND k.table_name = " + ledgerName + " AND k.source_key = m.source) ORDER BY m.source");
        }
    }

    /**
     * The sequence that fills the column, qualified and quoted; null if none. An identity or serial column owns
     * its sequence; a plain {@code DEFAULT nextval(...)} (Pagila's) only depends on it, through its default.
     */
    private String sequence(Table table, String column) throws SQLException {
        try (PreparedStatement st = cert.prepareStatement("SELECT coalesce(pg_get_serial_sequence(?, ?), (SELECT"
                + " d.refobjid::regclass::text FROM pg_attrdef ad JOIN pg_attribute a ON a.attrelid = ad.adrelid AND"
                + " a.attnum = ad.adnum JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid"
                + " AND d.refclassid = 'pg_class'::regclass JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'"
                + " WHERE ad.adrelid = ?::regclass AND a.attname = ? LIMIT 1))")) {
            st.setString(1, table.id().qualified());
            st.setString(2, column);
            st.setString(3, table.id().qualified());
            st.setString(4, column);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * The committed map ({@link #read}) as entries ordered by {@code o}, later ones winning; parameters district, table,
     * district, table.
     */
    static final String COMMITTED = "SELECT source_key, cert_key, 0 AS o FROM ferry.key_map WHERE district = ? AND"
            + " table_name = ? AND source_key <> cert_key UNION ALL SELECT s.source_key, s.cert_key, 1 FROM ferry.shared_row s"
            + " JOIN ferry.run r ON r.run_id = s.run_id AND r.status IN ('loading', 'loaded') WHERE s.district = ?"
            + " AND s.table_name = ? AND s.source_key IS NOT NULL";

    /**
     * A district's map of one table in a CERT store, for the stores whose rows reference it: the keys it moves, and
     * the rows of other districts its live or loading run shares there, which come last and so win. A key the map
     * keeps needs no entry: a value no map holds stays as it is, in a rewrite and in the read-back alike, and a map
     * gives each CERT key one source key. Nearly every key keeps its value (district-001's load of {@code ids} moves
     * 642 of about 123,000), so the referencing stores no longer copy the whole table's keys into their run maps.
     */
    static Map<String, String> read(Connection other, String district, TableId table) throws SQLException {
        Map<String, String> map = new HashMap<>();
        try (PreparedStatement st = other.prepareStatement("SELECT source_key, cert_key FROM (" + COMMITTED + ") m ORDER BY o")) {
            st.setString(1, district);
            st.setString(2, table.qualified());
            st.setString(3, district);
            st.setString(4, table.qualified());
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    map.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return map;
    }
}
