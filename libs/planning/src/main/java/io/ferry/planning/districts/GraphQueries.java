package io.ferry.planning.districts;

import java.util.List;
import java.util.function.Consumer;

/**
 * The district survey's only way to read a graph store: nodes of one label counted per distinct value
 * of some properties. Kept behind this port so the mapping of nodes to districts is tested without Neo4j.
 */
@FunctionalInterface
public interface GraphQueries {

    /**
     * Counts the nodes of {@code label} on {@code store} grouped by {@code properties}, in a read
     * transaction; each row holds the properties' values as text (null where a node lacks one), then the count.
     */
    void countNodes(String store, String label, List<String> properties, Consumer<String[]> row);
}
