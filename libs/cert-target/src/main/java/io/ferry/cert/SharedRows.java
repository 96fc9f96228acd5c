package io.ferry.cert;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows two districts' closures share: a cross-tenant row one district's run copied is another district's own (a
 * school a student came from, a guardian who lives elsewhere). The second district's run finds the row already
 * loaded by a live run of the first and references it instead of loading it again ({@code ferry.shared_row}
 * records it, V5). The PROD row is the same when its CERT key is in that run's ledger: for a remapped table, the
 * CERT key the other district's {@code ferry.key_map} gives the row's source key; otherwise the row's own key.
 * The loader decides with these predicates and the validator excludes the same rows from its checks against
 * CERT, so both agree on which rows a run loads.
 */
public final class SharedRows {

    private SharedRows() {
    }

    /** The runs a store holds as loaded for districts other than {@code district}. */
    public static String liveRunsOfOthers(String district) {
        return "(SELECT r.run_id FROM ferry.run r WHERE r.status = 'loaded' AND r.district <> "
                + LedgerKeys.literal(district) + ")";
    }

    /**
     * Whether a table can share rows: it needs a primary key (a row without one is named by all its values, which
     * two different PROD rows can have in common).
     */
    public static boolean possible(Table table) {
        return table.primaryKey() != null;
    }

    /**
     * A predicate on the typed primary-key values {@code values} (CERT's key after every rewrite, in the order of
     * the key's columns): a live run of another district inserted the row with that key.
     */
    public static String insertedByAnother(Table table, List<String> values, String district) {
        return "EXISTS (SELECT 1 FROM ferry.ledger l WHERE " + ledgerRow(table, values, district) + ")";
    }

    /**
     * The conditions on ledger alias {@code l} that make it the insert of the row keyed {@code values} by a live
     * run of another district.
     */
    public static String ledgerRow(Table table, List<String> values, String district) {
        List<String> terms = new ArrayList<>();
        terms.add(insertsOfOthers(table, district));
        List<String> keys = ledgerKeys(table);
        for (int i = 0; i < keys.size(); i++) {
            terms.add(keys.get(i) + " = " + values.get(i));
        }
        return String.join(" AND ", terms);
    }

    /**
     * The rows {@link #ledgerRow} matches, as a relation to join on: the owning run ({@code run_id}) and the typed
     * primary-key values ({@code k0, k1, ...}) of every row a live run of another district inserted into the table.
     * A join on it can be planned as a hash join; the predicate inside a join is planned from the ledger's statistics,
     * which right after a load say the run's rows are not there, and a nested loop over both sides then takes
     * seconds for a few thousand rows.
     */
    public static String insertedByOthers(Table table, String district) {
        List<String> columns = new ArrayList<>();
        columns.add("l.run_id");
        List<String> keys = ledgerKeys(table);
        for (int i = 0; i < keys.size(); i++) {
            columns.add(keys.get(i) + " AS k" + i);
        }
        return "SELECT " + String.join(", ", columns) + " FROM ferry.ledger l WHERE " + insertsOfOthers(table, district);
    }

    private static String insertsOfOthers(Table table, String district) {
        return "l.run_id IN " + liveRunsOfOthers(district) + " AND l.table_name = "
                + LedgerKeys.literal(table.id().qualified()) + " AND l.action = 'insert'";
    }

    /** The typed values of the primary key in ledger row {@code l}'s {@code row_key}. */
    private static List<String> ledgerKeys(Table table) {
        List<String> keys = new ArrayList<>();
        for (String column : table.primaryKey().columns()) {
            String type = table.column(column).map(Column::type).orElseThrow();
            keys.add("(l.row_key->>" + LedgerKeys.literal(column) + ")::" + type);
        }
        return keys;
    }

    /**
     * For a table whose single-column key is remapped: a predicate on the source key's text {@code source} that
     * holds when another district's key map sends it to a row a live run of that district inserted.
     */
    public static String mappedByAnother(Table table, String source, String district) {
        return "EXISTS (SELECT 1 FROM ferry.key_map k WHERE " + keyMapRow(table, source, district) + ")";
    }

    /**
     * The conditions on key-map alias {@code k} that make it another district's entry for {@code source} whose
     * CERT row a live run of that district inserted.
     */
    public static String keyMapRow(Table table, String source, String district) {
        String name = LedgerKeys.literal(table.id().qualified());
        String column = LedgerKeys.literal(table.primaryKey().columns().get(0));
        return "k.table_name = " + name + " AND k.district <> " + LedgerKeys.literal(district) + " AND k.source_key = "
                + source + " AND EXISTS (SELECT 1 FROM ferry.ledger l WHERE l.run_id IN (SELECT r.run_id FROM ferry.run r"
                + " WHERE r.status = 'loaded' AND r.district = k.district) AND l.table_name = " + name
                + " AND l.action = 'insert' AND l.row_key = jsonb_build_object(" + column + ", k.cert_key))";
    }

    /** The ledger's {@code row_key} of typed key values, as {@link LedgerKeys#rowKey} builds it from a row. */
    public static String rowKey(Table table, List<String> values) {
        List<String> pairs = new ArrayList<>();
        List<String> columns = table.primaryKey().columns();
        for (int i = 0; i < columns.size(); i++) {
            pairs.add(LedgerKeys.literal(columns.get(i)) + ", " + values.get(i) + "::text");
        }
        return "jsonb_build_object(" + String.join(", ", pairs) + ")";
    }

    /** Quoted column references {@code alias."c"} of the table's primary key. */
    public static List<String> keyColumns(Table table, String alias) {
        return table.primaryKey().columns().stream().map(c -> alias + "." + TableId.quote(c)).toList();
    }
}
