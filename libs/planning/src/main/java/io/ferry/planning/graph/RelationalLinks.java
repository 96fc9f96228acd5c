package io.ferry.planning.graph;

import io.ferry.planning.Closure;
import io.ferry.planning.ClosureRules;
import io.ferry.planning.Plan;
import io.ferry.planning.Projection;
import io.ferry.planning.RowSource;
import io.ferry.planning.Tuple;
import io.ferry.schema.model.TableId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link LinkedRows} answered by the relational closure (held in memory) and, for rows outside it, by
 * PROD through the relational stores' {@link RowSource}s (same snapshot as the closure). Keys are
 * compared as text ({@code id=17}), so an integer property matches a bigint column. A link whose target
 * columns are not its table's key, or whose table the closure does not decide, counts as owned.
 */
public final class RelationalLinks implements LinkedRows {
    private final Closure closure;
    private final ClosureRules rules;
    private final Function<String, RowSource> sources;
    private final Map<TableId, Set<String>> keys = new HashMap<>();
    /** The relational closure's cross-tenant rows: per {@code store.table}, key text to owner. */
    private final Map<String, Map<String, String>> foreignOwners = new HashMap<>();

    public RelationalLinks(Closure closure, ClosureRules rules, Function<String, RowSource> sources) {
        this.closure = closure;
        this.rules = rules;
        this.sources = sources;
        for (Plan.CrossTenantRow c : closure.plan().crossTenant()) {
            foreignOwners.computeIfAbsent(c.store() + "." + c.table(), t -> new HashMap<>()).put(c.key(), c.owner());
        }
    }

    @Override
    public List<List<Object>> tenantValues(GraphRules.Link link) {
        ClosureRules.Tenant tenant = rules.tenant();
        List<List<Object>> out = new ArrayList<>();
        source(link.target()).select(tenant.table(), tenant.keyColumns(), List.of(tenant.key()),
                link.targetColumns().stream().map(Projection::column).toList(), null, row -> out.add(List.of(row)));
        return out;
    }

    @Override
    public Map<List<Object>, Verdict> verdicts(GraphRules.Link link, Collection<List<Object>> values) {
        Map<List<Object>, Verdict> out = new HashMap<>();
        if (!closure.tables().contains(link.target()) || !closure.keyColumns(link.target()).equals(link.targetColumns())) {
            values.forEach(v -> out.put(v, Verdict.OWNED));
            return out;
        }
        Set<String> included = keys.computeIfAbsent(link.target(), t -> {
            Set<String> s = new HashSet<>();
            closure.keys(t).forEach(k -> s.add(k.describe(link.targetColumns())));
            return s;
        });
        Map<String, String> owners = foreignOwners.getOrDefault(link.target().store() + "." + link.target().qualified(),
                Map.of());
        List<Tuple> outside = new ArrayList<>();
        for (List<Object> v : values) {
            String text = Tuple.of(v).describe(link.targetColumns());
            if (included.contains(text)) {
                String owner = owners.get(text);
                out.put(v, owner == null ? Verdict.OWNED : new Verdict(State.FOREIGN, owner));
            } else {
                outside.add(Tuple.of(v));
            }
        }
        if (!outside.isEmpty()) {
            Set<String> inProd = new HashSet<>();
            source(link.target()).select(link.target(), link.targetColumns(), outside,
                    link.targetColumns().stream().map(Projection::column).toList(), null,
                    row -> inProd.add(Tuple.of(row).describe(link.targetColumns())));
            for (Tuple t : outside) {
                out.put(List.of(t.values()), inProd.contains(t.describe(link.targetColumns()))
                        ? new Verdict(State.OUTSIDE, null) : new Verdict(State.ABSENT, null));
            }
        }
        return out;
    }

    @Override
    public String district(GraphRules.Link link, List<Object> values) {
        ClosureRules.Tenant tenant = rules.tenant();
        List<String> found = new ArrayList<>();
        source(tenant.table()).select(tenant.table(), link.targetColumns(), List.of(Tuple.of(values)),
                tenant.keyColumns().stream().map(Projection::column).toList(), null,
                row -> found.add(row.length == 1 ? String.valueOf(row[0]) : Tuple.of(row).describe(tenant.keyColumns())));
        return found.isEmpty() ? null : found.get(0);
    }

    private RowSource source(TableId table) {
        RowSource s = sources.apply(table.store());
        if (s == null) {
            throw new IllegalArgumentException("no relational store " + table.store() + " for graph links");
        }
        return s;
    }
}
