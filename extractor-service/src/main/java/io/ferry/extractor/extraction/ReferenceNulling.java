package io.ferry.extractor.extraction;

import io.ferry.planning.Closure;
import io.ferry.planning.ClosureRules;
import io.ferry.planning.Tuple;
import io.ferry.planning.ValueKind;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes NULL into references whose target row is not in the closure, where the rules let such a row in
 * (a {@code nullify} edge, a dangling link under {@code null}, a cross-tenant parent under
 * {@code nullify}), so that nothing the extractor writes dangles. Other references are never changed, nor
 * references into tables the closure does not decide ({@code assume-present}, excluded: CERT is expected
 * to hold those rows), nor NOT NULL references (the validator reports them if they dangle).
 */
final class ReferenceNulling {

    private record Check(int[] columns, ValueKind[] kinds, TableId target) {
    }

    private final Closure closure;
    private final List<Check> checks;

    private ReferenceNulling(Closure closure, List<Check> checks) {
        this.closure = closure;
        this.checks = checks;
    }

    static ReferenceNulling of(EstateSchema schema, Closure closure, ClosureRules rules, Table table) {
        Set<TableId> decided;
        Map<TableId, List<String>> keys = new HashMap<>();
        // The closure's key sets are shared with other sessions: read them in turn.
        synchronized (closure) {
            decided = new HashSet<>(closure.tables());
            for (Reference r : schema.references()) {
                if (r.from().equals(table.id()) && decided.contains(r.to())) {
                    keys.put(r.to(), closure.keyColumns(r.to()));
                }
            }
        }
        List<Check> checks = new ArrayList<>();
        for (Reference r : schema.references()) {
            if (!r.from().equals(table.id()) || r.jsonPath() != null || r.origin() == Reference.Origin.GRAPH
                    || !decided.contains(r.to()) || !mayBeNulled(r, rules)) {
                continue;
            }
            List<String> key = keys.get(r.to());
            boolean nullable = r.fromColumns().stream().allMatch(c -> table.column(c).map(x -> x.nullable()).orElse(false));
            if (!nullable || key.size() != r.toColumns().size() || !key.containsAll(r.toColumns())) {
                continue;
            }
            Table target = schema.table(r.to()).orElseThrow();
            int[] columns = new int[key.size()];
            ValueKind[] kinds = new ValueKind[key.size()];
            for (int i = 0; i < key.size(); i++) {
                // In the target key's column order, whatever order the reference lists them in.
                String from = r.fromColumns().get(r.toColumns().indexOf(key.get(i)));
                columns[i] = indexOf(table, from);
                kinds[i] = ValueKind.of(target.column(key.get(i)).orElseThrow());
            }
            checks.add(new Check(columns, kinds, r.to()));
        }
        return new ReferenceNulling(closure, checks);
    }

    /** Only where a rule lets a row in whose target stays out: anything else must not be changed here. */
    private static boolean mayBeNulled(Reference r, ClosureRules rules) {
        if (rules.edge(r) == ClosureRules.EdgePolicy.NULLIFY || rules.crossTenant() == ClosureRules.CrossTenantPolicy.NULLIFY) {
            return true;
        }
        boolean link = r.origin() == Reference.Origin.LINK || r.origin() == Reference.Origin.VIRTUAL;
        return link && rules.dangling(r) == ClosureRules.DanglingPolicy.NULL;
    }

    /** Whether no reference of the table can be nulled here, so its rows go out as PROD sent them. */
    boolean changesNothing() {
        return checks.isEmpty();
    }

    /** Nulls the row's references whose target is outside the closure; returns how many it nulled. */
    int apply(String[] row) {
        int nulled = 0;
        for (Check c : checks) {
            Object[] key = new Object[c.columns.length];
            boolean anyNull = false;
            for (int i = 0; i < key.length; i++) {
                String v = row[c.columns[i]];
                anyNull |= v == null;
                key[i] = c.kinds[i].convert(v);
            }
            if (anyNull) {
                continue;
            }
            synchronized (closure) {
                if (closure.contains(c.target, new Tuple(key))) {
                    continue;
                }
            }
            for (int column : c.columns) {
                row[column] = null;
            }
            nulled++;
        }
        return nulled;
    }

    private static int indexOf(Table table, String column) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + table.id() + " has no column " + column);
    }
}
