package io.ferry.loader.load;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Table;
import io.ferry.spec.model.ConflictStrategy;

import java.util.List;
import java.util.Set;

/**
 * How one table's rows meet the rows CERT already holds, decided from the spec's strategy and CERT's keys.
 *
 * @param strategy   the spec's conflict strategy for the table
 * @param mapColumn  the column whose values a run's map rewrites (a remapped surrogate key, or a skipped
 *                   table's primary key when its natural key is another one); null when keys stay as they are
 * @param conflictOn the columns {@code ON CONFLICT} names: the natural key for {@code skip}, the primary key for
 *                   {@code upsert}; empty for {@code insert} and {@code remap}
 */
record KeyPlan(Table table, ConflictStrategy strategy, String mapColumn, List<String> conflictOn) {

    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");

    /** @throws LoadRefusedException when CERT's keys cannot carry the strategy, saying which key is missing */
    static KeyPlan of(Table table, ConflictStrategy strategy) {
        String name = table.id().store() + "." + table.id().qualified();
        Key primary = table.primaryKey();
        return switch (strategy) {
            case INSERT -> new KeyPlan(table, strategy, null, List.of());
            case UPSERT -> {
                if (primary == null) {
                    throw new LoadRefusedException(table.id().store(), name + " loads with upsert but has no primary key"
                            + " in CERT to find the row to overwrite; use insert or skip, or add the key");
                }
                yield new KeyPlan(table, strategy, null, primary.columns());
            }
            case SKIP -> skip(table, name, primary);
            case REMAP -> new KeyPlan(table, strategy, surrogate(table, name, primary), List.of());
        };
    }

    boolean remap() {
        return strategy == ConflictStrategy.REMAP;
    }

    /**
     * The natural key is the first unique key besides the primary key (a lookup table with a surrogate id and a
     * unique code), else the primary key itself. When they differ, references through the primary key are
     * rewritten to the CERT row that holds the natural key.
     */
    private static KeyPlan skip(Table table, String name, Key primary) {
        List<Key> unique = table.uniqueKeys().stream().filter(k -> !k.primary()).toList();
        if (primary == null && unique.isEmpty()) {
            throw new LoadRefusedException(table.id().store(), name + " loads with skip but has neither a primary nor a"
                    + " unique key in CERT to recognise a row CERT already holds; use insert, or add the key");
        }
        if (primary == null || unique.isEmpty()) {
            return new KeyPlan(table, ConflictStrategy.SKIP, null, (primary != null ? primary : unique.get(0)).columns());
        }
        String mapColumn = primary.composite() ? null : primary.columns().get(0);
        return new KeyPlan(table, ConflictStrategy.SKIP, mapColumn, unique.get(0).columns());
    }

    /** The integer key column fresh keys go into: the primary key, or its one column a sequence fills. */
    private static String surrogate(Table table, String name, Key primary) {
        if (primary == null) {
            throw new LoadRefusedException(table.id().store(), name + " loads with remap but has no primary key in"
                    + " CERT; use insert, or add the key");
        }
        List<String> candidates = primary.composite()
                ? primary.columns().stream().filter(c -> table.column(c).map(KeyPlan::sequenced).orElse(false)).toList()
                : primary.columns();
        if (candidates.size() != 1) {
            throw new LoadRefusedException(table.id().store(), name + " loads with remap but its primary key "
                    + primary.columns() + " has no single column a sequence fills; remap needs one integer surrogate key");
        }
        String column = candidates.get(0);
        String type = table.column(column).map(Column::type).orElse("");
        if (!INTEGER_TYPES.contains(type)) {
            throw new LoadRefusedException(table.id().store(), name + " loads with remap but its key column " + column
                    + " is " + type + "; remap draws fresh integer keys, use skip or insert for other keys");
        }
        return column;
    }

    /** Filled by an identity or a sequence default. */
    static boolean sequenced(Column c) {
        return c.generation() == Column.Generation.IDENTITY_ALWAYS || c.generation() == Column.Generation.IDENTITY_BY_DEFAULT
                || (c.defaultExpression() != null && c.defaultExpression().startsWith("nextval("));
    }
}
