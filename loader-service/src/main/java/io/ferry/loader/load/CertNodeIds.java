package io.ferry.loader.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CERT element ids of the nodes a graph load created or found, per label and merge-key value, so that its
 * relationships can find their ends by id: a write query that finds a node by a unique property takes the index
 * entry's lock and a fresh index reader for every row, and relationships wrote about a fifth slower that way.
 */
final class CertNodeIds {

    /** label to merge-key value (typed as the driver returns it) to the node's element id */
    private final Map<String, Map<Object, String>> ids = new HashMap<>();

    void record(String label, Object key, String elementId) {
        if (key != null && elementId != null) {
            ids.computeIfAbsent(label, l -> new HashMap<>()).put(key, elementId);
        }
    }

    /**
     * The id of the one node that any of {@code labels} holds under {@code key}; null when none is known or two
     * labels name different nodes (the query by key then decides, as it did before this shortcut).
     */
    String find(List<String> labels, Object key) {
        String found = null;
        for (String label : labels) {
            Map<Object, String> byKey = ids.get(label);
            String id = byKey == null ? null : byKey.get(key);
            if (id != null && found != null && !found.equals(id)) {
                return null;
            }
            found = id != null ? id : found;
        }
        return found;
    }
}
