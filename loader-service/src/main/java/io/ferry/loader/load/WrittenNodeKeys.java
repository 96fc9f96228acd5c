package io.ferry.loader.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The merge keys of the nodes a graph load wrote, per label, each with the PROD node it came from
 * ({@link GraphRows.Row#prodNode}). A node of several labels comes once per label batch and is the same node each
 * time; two different PROD nodes under one CERT key (a key a map moved onto a key another node of the run keeps)
 * are a collision the load must refuse, not merge into one node.
 */
final class WrittenNodeKeys {

    /** label to merge-key value to the PROD node written under it */
    private final Map<String, Map<Object, String>> sources = new HashMap<>();

    /**
     * Records the node under each of its labels that has a merge key.
     *
     * @param mergeKeys label to the property it merges on
     * @return the label whose key another PROD node of the run already holds; null if none
     */
    String record(List<String> labels, Map<String, Object> properties, Map<String, String> mergeKeys, String prodNode) {
        for (String label : labels) {
            String property = mergeKeys.get(label);
            Object key = property == null ? null : properties.get(property);
            if (key == null) {
                continue;
            }
            String before = sources.computeIfAbsent(label, l -> new HashMap<>()).putIfAbsent(key, prodNode);
            if (before != null && !before.equals(prodNode)) {
                return label;
            }
        }
        return null;
    }
}
