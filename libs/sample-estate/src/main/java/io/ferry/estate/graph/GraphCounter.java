package io.ferry.estate.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts nodes per label and district, relationships per type, and elements carrying given properties. */
public class GraphCounter implements GraphSink {
    public final Map<String, Long> nodes = new LinkedHashMap<>();
    public final Map<String, Long> rels = new LinkedHashMap<>();
    public final long[] nodesPerDistrict;
    public final long[] relsPerDistrict;
    private final Map<String, List<List<String>>> sets;
    /** "label|prop,prop" -> count of elements with all props present. */
    public final Map<String, Long> setCounts = new LinkedHashMap<>();

    public GraphCounter(int districts, Map<String, List<List<String>>> sets) {
        this.nodesPerDistrict = new long[districts];
        this.relsPerDistrict = new long[districts];
        this.sets = sets;
    }

    public static String setKey(String labelOrType, List<String> props) {
        return labelOrType + "|" + String.join(",", props);
    }

    private void count(String name, Map<String, Object> props, Map<String, Object> extra) {
        for (List<String> set : sets.getOrDefault(name, List.of())) {
            boolean all = true;
            for (String p : set) {
                all &= props.get(p) != null || (extra != null && extra.get(p) != null);
            }
            if (all) {
                setCounts.merge(setKey(name, set), 1L, Long::sum);
            }
        }
    }

    @Override
    public void node(String label, int district, Map<String, Object> props) {
        nodes.merge(label, 1L, Long::sum);
        nodesPerDistrict[district]++;
        count(label, props, null);
    }

    @Override
    public void rel(String type, int district, String fromLabel, String fromKey, Object fromValue, String toLabel,
                    String toKey, Object toValue, Map<String, Object> props) {
        rels.merge(type, 1L, Long::sum);
        relsPerDistrict[district]++;
        count(type, props, null);
    }

    public long totalNodes() {
        return nodes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalRels() {
        return rels.values().stream().mapToLong(Long::longValue).sum();
    }
}
