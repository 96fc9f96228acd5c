package io.ferry.planning.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A hand-made graph for the traversal rules: nodes by name, relationships by type; element ids are the names. */
final class MemoryGraph implements GraphSource {
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Rel> rels = new ArrayList<>();
    int expansions;

    MemoryGraph node(String id, String label, String property, Object value) {
        nodes.put(id, new Node(id, List.of(label), Map.of(property, value)));
        return this;
    }

    MemoryGraph rel(String start, String type, String end) {
        rels.add(new Rel("r" + rels.size(), type, start, end));
        return this;
    }

    @Override
    public List<Node> nodes(String label, String property, Collection<Object> values) {
        return nodes.values().stream().filter(n -> n.labels().contains(label) && values.contains(n.properties().get(property)))
                .toList();
    }

    @Override
    public List<Node> nodes(Collection<String> ids) {
        return ids.stream().map(nodes::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public void expand(Collection<String> nodeIds, Collection<String> types, Consumer<Hop> sink) {
        expansions += nodeIds.size();
        for (String id : nodeIds) {
            for (Rel r : rels) {
                if (types.contains(r.type()) && (r.startId().equals(id) || r.endId().equals(id))) {
                    sink.accept(new Hop(id, r, r.startId().equals(id) ? r.endId() : r.startId()));
                }
            }
        }
    }

    @Override
    public Optional<Node> nearest(String nodeId, Collection<String> types, String label) {
        Deque<String> queue = new ArrayDeque<>(List.of(nodeId));
        for (int hop = 0; hop < Neo4jGraphSource.NEAREST_HOPS && !queue.isEmpty(); hop++) {
            Deque<String> next = new ArrayDeque<>();
            for (String id : queue) {
                for (Rel r : rels) {
                    if (types.contains(r.type()) && r.startId().equals(id)) {
                        Node end = nodes.get(r.endId());
                        if (end.labels().contains(label)) {
                            return Optional.of(end);
                        }
                        next.add(end.id());
                    }
                }
            }
            queue = next;
        }
        return Optional.empty();
    }
}
