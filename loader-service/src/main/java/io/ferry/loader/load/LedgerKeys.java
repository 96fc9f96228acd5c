package io.ferry.loader.load;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;

import java.util.ArrayList;
import java.util.List;

/**
 * How a CERT row is named in {@code ferry.ledger}: {@code row_key} is a JSON object of its primary-key
 * columns as text (every column for a table without a primary key), and the SQL that finds the row again
 * from a ledger entry. Primary-key columns are compared in their own type, so CERT's key index can serve
 * the join; a table without a key is compared column by column as text, NULL matching NULL.
 */
final class LedgerKeys {

    /** {@code jsonb_build_object} takes at most 100 arguments: wider keys are built in pieces and joined. */
    private static final int PAIRS_PER_CALL = 50;

    private final Table table;

    LedgerKeys(Table table) {
        this.table = table;
    }

    /** The ledger's name for the table: {@code schema.name}, quoted where needed. */
    String tableName() {
        return table.id().qualified();
    }

    /** The {@code row_key} of the row that {@code alias} stands for. */
    String rowKey(String alias) {
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
    String matches(String alias, String ledger) {
        List<String> terms = new ArrayList<>();
        boolean keyed = table.primaryKey() != null;
        for (String c : table.identity()) {
            String value = ledger + ".row_key->>" + literal(c);
            String column = alias + "." + TableId.quote(c);
            if (keyed) {
                String type = table.column(c).map(Column::type).orElseThrow();
                terms.add(column + " = (" + value + ")::" + type);
            } else {
                terms.add(column + "::text IS NOT DISTINCT FROM " + value);
            }
        }
        return String.join(" AND ", terms);
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
