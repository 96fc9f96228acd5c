package io.ferry.estate.graph;

import java.util.Map;

/** Receives the graph: all nodes first, then relationships (endpoints by label and key property). */
public interface GraphSink {
    void node(String label, int district, Map<String, Object> props);

    void rel(String type, int district, String fromLabel, String fromKey, Object fromValue,
             String toLabel, String toKey, Object toValue, Map<String, Object> props);
}
