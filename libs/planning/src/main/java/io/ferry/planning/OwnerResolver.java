package io.ferry.planning;

import io.ferry.planning.ClosureEngine.Edge;
import io.ferry.planning.ClosureEngine.TableState;
import io.ferry.schema.model.TableId;
import java.util.List;
import java.util.Map;

/**
 * Names the district that owns a row by walking its table's ownership path up to the tenant row. Used
 * only for the few rows that may be cross-tenant, so one small query per hop is fine.
 */
final class OwnerResolver {
    private final ClosureEngine engine;
    private final Map<TableId, List<Edge>> chains;
    private final ClosureRules.Tenant tenant;

    OwnerResolver(ClosureEngine engine, Map<TableId, List<Edge>> chains, ClosureRules.Tenant tenant) {
        this.engine = engine;
        this.chains = chains;
        this.tenant = tenant;
    }

    /** The owner's tenant key ({@code district-002}), or null when the path ends in NULL or nowhere. */
    String owner(TableState table, Tuple identity) {
        List<Edge> chain = chains.get(table.id);
        if (chain == null) {
            return null;
        }
        Object[] row = one(table, table.identityColumns(), identity);
        TableState current = table;
        for (Edge e : chain) {
            if (row == null) {
                return null;
            }
            Tuple v = e.fromValues(row);
            if (v == null) {
                return null;
            }
            current = e.parent;
            row = one(current, e.ref.toColumns(), v);
        }
        if (row == null) {
            return null;
        }
        int[] idx = current.indexes(tenant.keyColumns().stream().map(Projection::column).toList());
        Object[] key = new Object[idx.length];
        for (int i = 0; i < idx.length; i++) {
            key[i] = row[idx[i]];
        }
        return key.length == 1 ? String.valueOf(key[0]) : new Tuple(key).describe(tenant.keyColumns());
    }

    private Object[] one(TableState t, List<String> columns, Tuple values) {
        Object[][] found = new Object[1][];
        engine.source(t).select(t.id, columns, List.of(values), t.projections, null, row -> {
            if (found[0] == null) {
                found[0] = row;
            }
        });
        return found[0];
    }
}
