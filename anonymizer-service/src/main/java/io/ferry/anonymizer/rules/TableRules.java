package io.ferry.anonymizer.rules;

import io.ferry.anonymize.classify.Field;
import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymize.strategy.Anonymizer;
import io.ferry.anonymize.strategy.DataType;
import io.ferry.anonymize.strategy.FieldRule;
import io.ferry.anonymize.strategy.RuleException;
import io.ferry.batches.BatchColumn;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.AnonymizeRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The spec's rules bound to one batch's columns: an action per column, in column order. A column rule
 * applies its strategy; a {@code text.free} rule with the scrub strategy scrubs; path rules apply to
 * their JSON leaves and the other string leaves of a json/jsonb column are scrubbed; everything else is
 * kept. Graph label batches match {@code property} rules by label and property name.
 */
public final class TableRules {

    /** Where the first-name, last-name and birth-date columns of the table are, for identifying tuples; -1 if none. */
    public record Identity(int firstName, int lastName, int birthDate) {

        public boolean complete() {
            return firstName >= 0 && lastName >= 0 && birthDate >= 0;
        }
    }

    private final TableId table;
    private final List<BatchColumn> columns;
    private final ColumnAction[] actions;
    private final Identity identity;

    private TableRules(TableId table, List<BatchColumn> columns, ColumnAction[] actions, Identity identity) {
        this.table = table;
        this.columns = columns;
        this.actions = actions;
        this.identity = identity;
    }

    /**
     * @param table a table, or {@code TableId(store, "label", Label)} / {@code TableId(store, "relationship", TYPE)}
     * @throws RuleBindingException when a rule for one of the columns cannot be used (unknown strategy, an entity
     *                              column the batch does not have, a malformed path)
     */
    public static TableRules bind(RuleIndex index, Anonymizer anonymizer, TableId table, List<BatchColumn> columns) {
        boolean graph = table.schema().equals(TableId.LABELS) || table.schema().equals(TableId.RELATIONSHIPS);
        ColumnAction[] actions = new ColumnAction[columns.size()];
        int first = -1;
        int last = -1;
        int birth = -1;
        for (int i = 0; i < columns.size(); i++) {
            BatchColumn column = columns.get(i);
            Field field = graph ? Field.property(table.store(), table.name(), column.name(), column.pgType())
                    : Field.column(table, column.name(), column.pgType());
            List<RuleIndex.Ruled> paths = new ArrayList<>();
            RuleIndex.Ruled whole = null;
            for (RuleIndex.Ruled r : index.rules()) {
                if (r.table().equals(field.table()) && r.name().equals(column.name()) && r.property() == graph) {
                    if (r.path() == null) {
                        whole = r;
                    } else {
                        paths.add(r);
                    }
                }
            }
            boolean json = !graph && isJson(column.pgType());
            if (whole != null) {
                actions[i] = wholeValue(whole, anonymizer, columns);
                if (actions[i] instanceof ColumnAction.Transform t) {
                    DataType type = t.rule().type();
                    first = type.equals(DataType.FIRST_NAME) && first < 0 ? i : first;
                    last = type.equals(DataType.LAST_NAME) && last < 0 ? i : last;
                    birth = type.equals(DataType.BIRTH_DATE) && birth < 0 ? i : birth;
                }
            } else if (json) {
                List<ColumnAction.PathRule> bound = new ArrayList<>();
                for (RuleIndex.Ruled r : paths) {
                    FieldRule rule = rule(r);
                    bound.add(new ColumnAction.PathRule(FieldRule.where(r.rule()), r.path(), rule,
                            rule.delegated() ? null : anonymizer.forRule(rule), entity(r, rule, columns)));
                }
                actions[i] = new ColumnAction.Json(field.location(), bound);
            } else if (!paths.isEmpty()) {
                throw new RuleBindingException("anonymize rule for " + FieldRule.where(paths.get(0).rule())
                        + ": a path rule needs a json or jsonb column, and " + field.location() + " is "
                        + column.pgType());
            } else {
                actions[i] = new ColumnAction.Keep();
            }
        }
        return new TableRules(table, List.copyOf(columns), actions, new Identity(first, last, birth));
    }

    /** Rules given action by action (tests; {@link #bind} for the spec's). */
    public static TableRules of(TableId table, List<BatchColumn> columns, List<ColumnAction> actions,
            Identity identity) {
        if (columns.size() != actions.size()) {
            throw new IllegalArgumentException("one action per column");
        }
        return new TableRules(table, List.copyOf(columns), actions.toArray(ColumnAction[]::new), identity);
    }

    private static ColumnAction wholeValue(RuleIndex.Ruled ruled, Anonymizer anonymizer, List<BatchColumn> columns) {
        FieldRule rule = rule(ruled);
        String where = FieldRule.where(ruled.rule());
        if (rule.delegated()) {
            return new ColumnAction.Scrub(where);
        }
        return new ColumnAction.Transform(where, rule, anonymizer.forRule(rule), entity(ruled, rule, columns));
    }

    private static FieldRule rule(RuleIndex.Ruled ruled) {
        try {
            return FieldRule.of(ruled.rule());
        } catch (RuleException e) {
            throw new RuleBindingException(e.getMessage());
        }
    }

    /** The index of the rule's entity column in this batch; it must be a column of the same table. */
    private static int entity(RuleIndex.Ruled ruled, FieldRule rule, List<BatchColumn> columns) {
        AnonymizeRule spec = ruled.rule();
        if (!rule.entityScoped()) {
            return -1;
        }
        String where = FieldRule.where(spec);
        if (spec.entity() == null || spec.entity().isBlank()) {
            throw new RuleBindingException("anonymize rule for " + where + ": strategy " + rule.strategy().specName()
                    + " needs an entity column (entity: store.schema.table.column of the same table)");
        }
        Optional<String> column = entityColumn(ruled, spec.entity().strip());
        if (column.isPresent()) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column.get())) {
                    return i;
                }
            }
        }
        throw new RuleBindingException("anonymize rule for " + where + ": entity " + spec.entity().strip()
                + " is not a column of " + ruled.table() + "; name a column of the same table");
    }

    private static Optional<String> entityColumn(RuleIndex.Ruled ruled, String entity) {
        if (ruled.property()) {
            String prefix = ruled.table().store() + ":" + ruled.table().name() + ".";
            return entity.startsWith(prefix) ? Optional.of(entity.substring(prefix.length())) : Optional.empty();
        }
        try {
            List<String> parts = TableId.splitQualified(entity);
            if (parts.size() == 4 && new TableId(parts.get(0), parts.get(1), parts.get(2)).equals(ruled.table())) {
                return Optional.of(parts.get(3));
            }
        } catch (IllegalArgumentException e) {
            // reported below as not a column of the table
        }
        return Optional.empty();
    }

    static boolean isJson(String pgType) {
        return pgType.equals("json") || pgType.equals("jsonb");
    }

    public TableId table() {
        return table;
    }

    public List<BatchColumn> columns() {
        return columns;
    }

    public ColumnAction action(int column) {
        return actions[column];
    }

    public int size() {
        return actions.length;
    }

    public Identity identity() {
        return identity;
    }

    /** Whether any column changes: a batch without rules or JSON is copied as it is. */
    public boolean changesAnything() {
        for (ColumnAction a : actions) {
            if (!(a instanceof ColumnAction.Keep)) {
                return true;
            }
        }
        return false;
    }
}
