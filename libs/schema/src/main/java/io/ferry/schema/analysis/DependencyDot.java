package io.ferry.schema.analysis;

import io.ferry.schema.graph.Cycle;
import io.ferry.schema.graph.CycleBreak;
import io.ferry.schema.graph.DependencyGraph;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders {@code dependency-graph.dot}: one cluster per store, edges child to parent; cross-store
 * edges dashed, edges inside a cycle red, the references where a cycle is broken marked with a
 * cross and the break method as label.
 */
final class DependencyDot {

    private DependencyDot() {
    }

    static String render(DependencyGraph graph) {
        Set<Reference> inCycle = new HashSet<>();
        Map<Reference, CycleBreak> breaks = new HashMap<>();
        for (Cycle c : graph.cycles()) {
            inCycle.addAll(c.references());
            c.breaks().forEach(b -> breaks.put(b.reference(), b));
        }
        StringBuilder dot = new StringBuilder("digraph estate {\n  rankdir=LR;\n  node [shape=box, fontsize=10];\n");
        int i = 0;
        for (String store : graph.stores()) {
            dot.append("  subgraph cluster_").append(i++).append(" {\n    label=").append(quote(store)).append(";\n");
            List<TableId> tables = graph.nodes().stream().filter(n -> n.store().equals(store)).toList();
            tables.forEach(t -> dot.append("    ").append(quote(t.toString())).append(" [label=")
                    .append(quote(t.qualified())).append("];\n"));
            dot.append("  }\n");
        }
        for (Reference r : graph.references()) {
            dot.append("  ").append(quote(r.from().toString())).append(" -> ").append(quote(r.to().toString()))
                    .append(" [").append(attributes(r, inCycle.contains(r), breaks.get(r))).append("];\n");
        }
        return dot.append("}\n").toString();
    }

    private static String attributes(Reference r, boolean inCycle, CycleBreak brk) {
        StringBuilder a = new StringBuilder("tooltip=").append(quote(r.describe()));
        if (r.crossStore()) {
            a.append(", style=dashed");
        } else if (r.nullable()) {
            a.append(", style=dotted");
        }
        if (inCycle) {
            a.append(", color=red");
        }
        if (brk != null) {
            a.append(", arrowtail=tee, dir=both, penwidth=2, label=")
                    .append(quote("break: " + brk.method().name().toLowerCase()));
        }
        return a.toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
