package io.ferry.cert;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * How a CERT row is named in {@code ferry.ledger}: {@code row_key} is a JSON object of its primary-key
 * columns as text (every column for a table without a primary key), and the SQL that finds the row again
 * from a ledger entry. Primary-key columns are compared in their own type, so CERT's key index can serve
 * the join; a table without a key is compared as the whole {@code row_key} (every column as text, NULL as JSON
 * null), one jsonb value a hash join can use. The loader writes and reads ledger rows through it; the validator's
 * verify reads them back the same way.
 */
public final class LedgerKeys {

    /** {@code jsonb_build_object} takes at most 100 arguments: wider keys are built in pieces and joined. */
    private static final int PAIRS_PER_CALL = 50;

    private final Table table;

    public LedgerKeys(Table table) {
        this.table = table;
    }

    /** The ledger's name for the table: {@code schema.name}, quoted where needed. */
    public String tableName() {
        return table.id().qualified();
    }

    /** The {@code row_key} of the row that {@code alias} stands for. */
    public String rowKey(String alias) {
        List<String> columns = table.identity();
        List<String> parts = new ArrayList<>();
        for (int from = 0; from < columns.size(); from += PAIRS_PER_CALL) {
            List<String> pairs = new ArrayList<>();
            for (String c : columns.subList(from, Math.min(columns.size(), from + PAIRS_PER_CALL))) {
                pairs.add(literal(c) + ", " + alias + "." + TableId.quote(c) + "::text");
            }
            parts.add("jsonb_build_object(" + String.join(", ", pairs) + ")");
        }
        return String.join(" || ", parts);
    }

    /** A predicate that holds when the row {@code alias} is the one the ledger entry {@code ledger} names. */
    public String matches(String alias, String ledger) {
        if (table.primaryKey() == null) {
            // The whole row's key as one jsonb value: it hashes, so the join need not compare every pair.
            return "(" + rowKey(alias) + ") = " + ledger + ".row_key";
        }
        List<String> terms = new ArrayList<>();
        for (String c : table.identity()) {
            String type = table.column(c).map(Column::type).orElseThrow();
            terms.add(alias + "." + TableId.quote(c) + " = (" + ledger + ".row_key->>" + literal(c) + ")::" + type);
        }
        return String.join(" AND ", terms);
    }

    /**
     * Copies the keys of the run's ledger rows of this table (of one action, or all when null) into a temporary
     * table {@code temp} with one typed column per key column ({@code k0, k1, ...}), the {@code row_key} itself
     * ({@code rk}), the entry's {@code action} and {@code row_hash}, and analyzes it, so that
     * joins to CERT's table go through its key index or a hash join instead of re-reading JSON per row pair.
     */
    public void collect(Connection cert, String runId, String action, String temp) throws SQLException {
        List<String> columns = table.identity();
        List<String> select = new ArrayList<>();
        boolean keyed = table.primaryKey() != null;
        for (int i = 0; i < columns.size(); i++) {
            String value = "(l.row_key->>" + literal(columns.get(i)) + ")";
            select.add((keyed ? value + "::" + table.column(columns.get(i)).map(Column::type).orElseThrow() : value)
                    + " AS k" + i);
        }
        try (PreparedStatement st = cert.prepareStatement("CREATE TEMP TABLE " + temp + " ON COMMIT DROP AS SELECT "
                + String.join(", ", select) + ", l.row_key AS rk, l.action, l.row_hash FROM ferry.ledger l WHERE l.run_id = ? AND l.table_name = ?"
                + (action == null ? "" : " AND l.action = " + literal(action)))) {
            st.setString(1, runId);
            st.setString(2, tableName());
            st.executeUpdate();
        }
        try (Statement st = cert.createStatement()) {
            st.execute("ANALYZE " + temp);
        }
    }

    /**
     * The typed key columns of the row {@code alias} as {@link #collect} keeps them ({@code k0, k1, ...}); none for
     * a table without a primary key, whose collected key is its {@code row_key} alone ({@code rk}).
     */
    public List<String> collectedKeyItems(String alias) {
        List<String> items = new ArrayList<>();
        if (table.primaryKey() != null) {
            List<String> columns = table.identity();
            for (int i = 0; i < columns.size(); i++) {
                items.add(alias + "." + TableId.quote(columns.get(i)) + " AS k" + i);
            }
        }
        return items;
    }

    /** A predicate that holds when the row {@code alias} is the one the collected key {@code keys} names. */
    public String matchesCollected(String alias, String keys) {
        if (table.primaryKey() == null) {
            return "(" + rowKey(alias) + ") = " + keys + ".rk";
        }
        List<String> terms = new ArrayList<>();
        List<String> columns = table.identity();
        for (int i = 0; i < columns.size(); i++) {
            terms.add(alias + "." + TableId.quote(columns.get(i)) + " = " + keys + ".k" + i);
        }
        return String.join(" AND ", terms);
    }

    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
