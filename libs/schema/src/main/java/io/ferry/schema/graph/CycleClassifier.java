package io.ferry.schema.graph;

import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides where a cyclic component is broken. References are kept costliest first (NOT NULL
 * non-deferrable, then nullable, then deferrable, then unenforced); a reference that would close a
 * cycle among those already kept is a break. So a cycle is broken at its cheapest reference, and the
 * breaks are minimal: putting any one back closes a cycle. A deferrable reference is preferred over
 * a nullable one because the loader defers every deferrable constraint anyway, so deferring costs no
 * fix-up UPDATE.
 */
final class CycleClassifier {

    private CycleClassifier() {
    }

    /** The cycle and its tables in load order (parents first along the references it keeps). */
    record Result(Cycle cycle, List<TableId> loadOrder) {
    }

    static BreakMethod method(Reference r) {
        boolean enforced = switch (r.origin()) {
            case FOREIGN_KEY, PARTITION_FOREIGN_KEY, GRAPH -> true;
            case VIRTUAL, LINK, JSON_PATH -> false;
        };
        if (!enforced) {
            return BreakMethod.UNENFORCED;
        }
        if (r.deferrable()) {
            return BreakMethod.DEFER;
        }
        return r.nullable() ? BreakMethod.NULL_THEN_UPDATE : BreakMethod.ONE_STATEMENT;
    }

    /**
     * @param tables     the component, sorted
     * @param references the references between its tables, sorted
     */
    static Result classify(List<TableId> tables, List<Reference> references) {
        Map<TableId, List<TableId>> kept = new TreeMap<>();
        tables.forEach(t -> kept.put(t, new ArrayList<>()));
        List<CycleBreak> breaks = new ArrayList<>();
        List<Reference> byCost = references.stream()
                .sorted(Comparator.comparing((Reference r) -> method(r).ordinal()).reversed()).toList();
        for (Reference r : byCost) {
            if (r.from().equals(r.to()) || reaches(kept, r.to(), r.from())) {
                breaks.add(new CycleBreak(r, method(r)));
            } else {
                kept.get(r.from()).add(r.to());
            }
        }
        CycleKind kind = kind(tables, breaks);
        List<CycleBreak> shown = kind == CycleKind.NOT_NULL
                ? breaks.stream().filter(b -> b.method() == BreakMethod.ONE_STATEMENT).toList()
                : breaks;
        return new Result(new Cycle(tables, references, kind, shown), TopologicalOrder.parentsFirst(kept));
    }

    private static CycleKind kind(List<TableId> tables, List<CycleBreak> breaks) {
        Set<BreakMethod> methods = new HashSet<>();
        breaks.forEach(b -> methods.add(b.method()));
        if (tables.size() == 1) {
            return CycleKind.SELF_REFERENCE;
        }
        if (methods.contains(BreakMethod.ONE_STATEMENT)) {
            return CycleKind.NOT_NULL;
        }
        if (methods.contains(BreakMethod.NULL_THEN_UPDATE)) {
            return CycleKind.NULLABLE;
        }
        return methods.contains(BreakMethod.DEFER) ? CycleKind.DEFERRABLE : CycleKind.UNENFORCED;
    }

    private static boolean reaches(Map<TableId, List<TableId>> graph, TableId from, TableId target) {
        Deque<TableId> todo = new ArrayDeque<>(List.of(from));
        Set<TableId> seen = new HashSet<>(todo);
        while (!todo.isEmpty()) {
            TableId t = todo.pop();
            if (t.equals(target)) {
                return true;
            }
            for (TableId next : graph.get(t)) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return false;
    }
}
