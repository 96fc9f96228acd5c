package io.ferry.schema.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Kahn's algorithm, parents first, the smallest ready node first so that the order is deterministic. */
final class TopologicalOrder {

    private TopologicalOrder() {
    }

    /**
     * @param parents every node mapped to the nodes it depends on (self-edges ignored); must be acyclic
     *                otherwise and contain every node as a key
     * @throws IllegalStateException if a cycle remains
     */
    static <T extends Comparable<T>> List<T> parentsFirst(Map<T, List<T>> parents) {
        Map<T, Integer> waiting = new HashMap<>();
        Map<T, List<T>> children = new HashMap<>();
        PriorityQueue<T> ready = new PriorityQueue<>();
        parents.forEach((child, ps) -> {
            int n = 0;
            for (T p : ps) {
                if (!p.equals(child)) {
                    children.computeIfAbsent(p, k -> new ArrayList<>()).add(child);
                    n++;
                }
            }
            waiting.put(child, n);
            if (n == 0) {
                ready.add(child);
            }
        });
        List<T> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            T next = ready.poll();
            order.add(next);
            for (T child : children.getOrDefault(next, List.of())) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        if (order.size() != parents.size()) {
            throw new IllegalStateException("cycle left among " + (parents.size() - order.size()) + " node(s)");
        }
        return order;
    }
}
