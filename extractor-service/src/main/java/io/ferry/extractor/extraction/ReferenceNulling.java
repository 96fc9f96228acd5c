package io.ferry.extractor.extraction;

import io.ferry.planning.Closure;
import io.ferry.planning.Tuple;
import io.ferry.planning.ValueKind;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes NULL into references whose target row is not in the closure, where the rules let such a row in
 * (a {@code nullify} edge, a dangling link under {@code null}, a cross-tenant parent under
 * {@code nullify}), so that nothing the extractor writes dangles. References into tables the closure does
 * not decide ({@code assume-present}, excluded) are left alone: CERT is expected to hold those rows.
 * A NOT NULL reference is never nulled; the validator reports it if it dangles.
 */
final class ReferenceNulling {

    private record Check(int[] columns, ValueKind[] kinds, io.ferry.schema.model.TableId target) {
    }

    private final Closure closure;
    private final List<Check> checks;

    private ReferenceNulling(Closure closure, List<Check> checks) {
        this.closure = closure;
        this.checks = checks;
    }

    static ReferenceNulling of(EstateSchema schema, Closure closure, Table table) {
        Set<io.ferry.schema.model.TableId> decided = new HashSet<>(closure.tables());
        List<Check> checks = new ArrayList<>();
        for (Reference r : schema.references()) {
            if (!r.from().equals(table.id()) || r.jsonPath() != null || r.origin() == Reference.Origin.GRAPH
                    || !decided.contains(r.to()) || !r.toColumns().equals(closure.keyColumns(r.to()))) {
                continue;
            }
            boolean nullable = r.fromColumns().stream().allMatch(c -> table.column(c).map(x -> x.nullable()).orElse(false));
            if (!nullable) {
                continue;
            }
            Table target = schema.table(r.to()).orElseThrow();
            int[] columns = new int[r.fromColumns().size()];
            ValueKind[] kinds = new ValueKind[columns.length];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = indexOf(table, r.fromColumns().get(i));
                kinds[i] = ValueKind.of(target.column(r.toColumns().get(i)).orElseThrow());
            }
            checks.add(new Check(columns, kinds, r.to()));
        }
        return new ReferenceNulling(closure, checks);
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

    boolean isEmpty() {
        return checks.isEmpty();
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
