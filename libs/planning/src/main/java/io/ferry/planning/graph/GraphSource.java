package io.ferry.planning.graph;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The graph traversal's only way to read a graph store: set-based questions answered inside one read
 * transaction. Keeping I/O behind this port lets the traversal rules be tested on a hand-made graph.
 * Nodes carry only the properties the rules need (keys and linked properties), never the others.
 */
public interface GraphSource extends AutoCloseable {

    /** A node: its id in the store, its labels and the requested properties it has. */
    record Node(String id, List<String> labels, Map<String, Object> properties) {
        public Node {
            labels = List.copyOf(labels);
            properties = Map.copyOf(properties);
        }
    }

    /** A relationship, directed from {@code startId} to {@code endId}. */
    record Rel(String id, String type, String startId, String endId) {
    }

    /** A relationship found from node {@code fromId}, and the id of the node at its other end. */
    record Hop(String fromId, Rel rel, String otherId) {
    }

    /** Nodes of {@code label} whose {@code property} holds one of {@code values}. */
    List<Node> nodes(String label, String property, Collection<Object> values);

    /** The nodes with these ids (an id no node has any more is left out). */
    List<Node> nodes(Collection<String> ids);

    /**
     * Every relationship of one of {@code types} at one of {@code nodeIds}, in either direction. Only ids come
     * back: most hops end at a node the traversal knows already, so the other end's properties are read by
     * {@link #nodes(Collection)} for the new ones alone. A relationship this source reported before, in this call or an
     * earlier one, may be left out: its other end is a node that was asked about then.
     */
    void expand(Collection<String> nodeIds, Collection<String> types, Consumer<Hop> sink);

    /**
     * The {@code label} node nearest to {@code nodeId} along outgoing relationships of {@code types} (the
     * direction of membership: Person -MEMBER_OF-> School -PART_OF-> District), within a few hops.
     */
    Optional<Node> nearest(String nodeId, Collection<String> types, String label);

    @Override
    default void close() {
    }
}
