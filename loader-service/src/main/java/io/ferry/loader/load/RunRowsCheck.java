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
        StringBuilder inverse = new StringBuilder();
        int join = 0;
        for (ReadBack c : columns) {
            String text = CanonicalChecksum.canonicalTextSql("t." + TableId.quote(c.column()));
            for (TableId map : c.maps()) {
                // A map gives each CERT key one source key (fresh keys are new, a skipped row's key is CERT's).
                String alias = "i" + join++;
                inverse.append(" LEFT JOIN ").append(RunKeyMap.TABLE).append(' ').append(alias).append(" ON ")
                        .append(alias).append(".tbl = ").append(LedgerKeys.literal(map.toString())).append(" AND ")
                        .append(alias).append(".cert = ").append(text);
                text = "coalesce(" + alias + ".source, " + text + ")";
            }
            texts.add(text);
        }
        // Each value's text is made once, in the subquery (OFFSET 0 keeps the planner from inlining it twice).
        List<String> named = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            named.add(texts.get(i) + " AS v" + i);
            values.add("x.v" + i);
        }
        long writtenRows;
        CanonicalChecksum.Value held;
        try (Statement st = cert.createStatement()) {
            st.execute("ANALYZE " + written);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + written)) {
                rs.next();
                writtenRows = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT " + CanonicalChecksum.aggregatesSql(values) + " FROM (SELECT "
                    + (named.isEmpty() ? "1" : String.join(", ", named)) + " FROM " + target.id().qualified()
                    + " t JOIN " + written + " g ON " + keys.matchesCollected("t", "g") + inverse + " OFFSET 0) x")) {
                rs.next();
                held = CanonicalChecksum.fromSql(rs.getLong(1), rs.getBigDecimal(2));
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
}
