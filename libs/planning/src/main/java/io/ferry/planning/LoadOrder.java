package io.ferry.planning;

import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parents before children: Tarjan's strongly connected components over "references" among the given
 * tables, which come out dependencies first; the tables of one cycle are emitted together, by name.
 */
final class LoadOrder {
    private final Map<TableId, TreeSet<TableId>> parents = new TreeMap<>();
    private final Map<TableId, Integer> index = new HashMap<>();
    private final Map<TableId, Integer> low = new HashMap<>();
    private final List<TableId> stack = new ArrayList<>();
    private final List<List<TableId>> components = new ArrayList<>();

    private LoadOrder(Collection<TableId> tables, Collection<Reference> references) {
        tables.forEach(t -> parents.put(t, new TreeSet<>()));
        for (Reference r : references) {
            if (parents.containsKey(r.from()) && parents.containsKey(r.to()) && !r.selfReference()) {
                parents.get(r.from()).add(r.to());
            }
        }
    }

    /** The tables in load order; each inner list is one component (a single table unless a cycle). */
    static List<List<TableId>> components(Collection<TableId> tables, Collection<Reference> references) {
        LoadOrder o = new LoadOrder(tables, references);
        for (TableId t : o.parents.keySet()) {
            if (!o.index.containsKey(t)) {
                o.visit(t);
            }
        }
        return o.components;
    }

    static List<TableId> of(Collection<TableId> tables, Collection<Reference> references) {
        return components(tables, references).stream().flatMap(List::stream).toList();
    }

    private void visit(TableId t) {
        int i = index.size();
        index.put(t, i);
        low.put(t, i);
        stack.add(t);
        for (TableId p : parents.get(t)) {
            if (!index.containsKey(p)) {
                visit(p);
                low.put(t, Math.min(low.get(t), low.get(p)));
            } else if (stack.contains(p)) {
                low.put(t, Math.min(low.get(t), index.get(p)));
            }
        }
        if (low.get(t).equals(index.get(t))) {
            TreeSet<TableId> component = new TreeSet<>();
            TableId member;
            do {
                member = stack.remove(stack.size() - 1);
                component.add(member);
            } while (!member.equals(t));
            components.add(List.copyOf(component));
        }
    }
}
