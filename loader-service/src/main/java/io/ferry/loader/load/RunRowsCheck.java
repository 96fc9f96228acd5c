package io.ferry.loader.load;

import io.ferry.cert.LedgerKeys;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.staging.checksum.CanonicalChecksum;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What CERT holds for a run in one table, checked before commit against the batches the run loaded: every row
 * the insert statement wrote is still there, and the canonical checksum ({@link CanonicalChecksum}) of the
 * compared columns equals the batches'. A column the run rewrote through key maps is read back through them to
 * the source value the batch holds.
 *
 * @param target  CERT's table
 * @param keys    how its rows are keyed
 * @param written the temporary table of the keys the insert wrote (as {@link LedgerKeys#collect} keeps them)
 * @param columns the compared columns, in the order the batch checksum took them
 */
record RunRowsCheck(Table target, LedgerKeys keys, String written, List<ReadBack> columns) {

    /** The temporary table of the held rows' canonical texts, while a table with mapped columns is checked. */
    private static final String HELD = "ferry_held_rows";

    /** A compared CERT column and the tables whose key maps rewrote its values, in the order they applied. */
    record ReadBack(String column, List<TableId> maps) {
    }

    /**
     * @param batches   the batches' checksum over the same columns
     * @param countOnly compare only that every written row is there (rows were skipped, or a CERT trigger may
     *                  have changed them)
     * @return the checksum, or null when {@code countOnly}
     * @throws LoadFailedException when CERT differs (the store is then rolled back)
     */
    String check(Connection cert, CanonicalChecksum.Value batches, boolean countOnly) throws SQLException {
        List<String> texts = new ArrayList<>();
        boolean mapped = false;
        for (ReadBack c : columns) {
            texts.add(CanonicalChecksum.canonicalTextSql("t." + TableId.quote(c.column())));
            mapped |= !c.maps().isEmpty();
        }
        String rows = target.id().qualified() + " t JOIN " + written + " g ON " + keys.matchesCollected("t", "g");
        long writtenRows;
        CanonicalChecksum.Value held;
        try (Statement st = cert.createStatement()) {
            st.execute("ANALYZE " + written + keyColumns());
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + written)) {
                rs.next();
                writtenRows = rs.getLong(1);
            }
            if (countOnly) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + rows)) {
                    rs.next();
                    held = new CanonicalChecksum.Value(rs.getLong(1), 0);
                }
            } else if (mapped && target.primaryKey() != null) {
                // The rows CERT holds are read into a temporary table first, so that the joins through the inverse
                // maps are planned on its true size: over CERT's table the planner may expect a few rows (a
                // composite key's columns estimated as independent, or statistics from before the load) and probe
                // the map's index once per row. A table without a primary key is matched by its whole row key,
                // which the planner sizes right, and whose rows would cost more to write out again.
                List<String> named = new ArrayList<>();
                List<String> kept = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    named.add(texts.get(i) + " AS h" + i);
                    kept.add("h.h" + i);
                }
                st.execute("CREATE TEMP TABLE " + HELD + " ON COMMIT DROP AS SELECT " + String.join(", ", named)
                        + " FROM " + rows);
                held = checksum(st, kept, HELD + " h");
                st.execute("DROP TABLE " + HELD);
            } else {
                held = checksum(st, texts, rows);
            }
        }
        String table = target.id().qualified();
        if (held.rows() != writtenRows) {
            throw new LoadFailedException(target.id().store(), table + " holds " + held.rows() + " of the " + writtenRows
                    + " rows the run wrote into it (a CERT trigger or rule took some away); the store was rolled back", null);
        }
        if (countOnly) {
            return null;
        }
        if (!held.equals(batches)) {
            throw new LoadFailedException(target.id().store(), table + ": the " + held.rows() + " rows CERT holds for the"
                    + " run have checksum " + held.hex() + " over " + columns.size() + " column(s), the batches' "
                    + batches.rows() + " rows " + batches.hex() + "; the store was rolled back", null);
        }
        return held.hex();
    }

    /**
     * The checksum of the rows of {@code from}, whose compared columns' canonical texts are {@code texts}, each
     * mapped back through the maps its column went through.
     */
    private CanonicalChecksum.Value checksum(Statement st, List<String> texts, String from) throws SQLException {
        StringBuilder inverse = new StringBuilder();
        List<String> named = new ArrayList<>();
        int join = 0;
        for (int i = 0; i < columns.size(); i++) {
            String text = texts.get(i);
            for (TableId map : columns.get(i).maps()) {
                // A map gives each CERT key one source key (fresh keys are new, a skipped row's key is CERT's).
                String a = "i" + join++;
                inverse.append(" LEFT JOIN ").append(RunKeyMap.TABLE).append(' ').append(a).append(" ON ")
                        .append(a).append(".tbl = ").append(LedgerKeys.literal(map.toString())).append(" AND ")
                        .append(a).append(".cert = ").append(text);
                text = "coalesce(" + a + ".source, " + text + ")";
            }
            named.add(text + " AS v" + i);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            values.add("x.v" + i);
        }
        // Each value's text is made once, in the subquery (OFFSET 0 keeps the planner from inlining it twice).
        try (ResultSet rs = st.executeQuery("SELECT " + CanonicalChecksum.aggregatesSql(values) + " FROM (SELECT "
                + (named.isEmpty() ? "1" : String.join(", ", named)) + " FROM " + from + inverse + " OFFSET 0) x")) {
            rs.next();
            return CanonicalChecksum.fromSql(rs.getLong(1), rs.getBigDecimal(2));
        }
    }

    /** The written keys' columns, for ANALYZE: the typed key columns, or the row key of a table without one. */
    private String keyColumns() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keys.collectedKeyItems("t").size(); i++) {
            names.add("k" + i);
        }
        return " (" + (names.isEmpty() ? "rk" : String.join(", ", names)) + ")";
    }
}
