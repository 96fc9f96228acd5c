package io.ferry.loader.load;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.cert.GraphStamps;
import io.ferry.schema.introspect.Neo4jIntrospector;
import io.ferry.schema.neo4j.GraphValues;
import io.ferry.service.run.StagedTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A graph batch read back: per row its key columns as text ({@code <element>}, a merge key, {@code from.k},
 * {@code to.k}), its labels, and its properties as the values the Neo4j driver takes ({@link GraphValues#value}).
 * Property values a spec link rewrites through another store's key map are rewritten here, as text, before they
 * are typed.
 */
final class GraphRows {

    /**
     * @param keys       key column to its text
     * @param labels     a node's labels (empty for a relationship)
     * @param properties property to driver value, the key properties of a node included
     * @param moved      per column (key or property) whose value a key map changed, its PROD text
     */
    record Row(Map<String, String> keys, List<String> labels, Map<String, Object> properties, Map<String, String> moved) {

        /**
         * The PROD node the row came from, the same through each of its labels' batches: its element id, or else
         * the PROD values of the given merge-key properties.
         */
        String prodNode(Collection<String> mergeProperties) {
            String element = keys.get(Neo4jIntrospector.ELEMENT);
            if (element != null) {
                return element;
            }
            Map<String, String> prod = new TreeMap<>();
            for (String property : mergeProperties) {
                Object value = properties.get(property);
                prod.put(property, moved.containsKey(property) ? moved.get(property)
                        : value == null ? null : GraphValues.text(value));
            }
            return prod.toString();
        }

        /** The hash Ferry stamps on what it writes and compensation compares: of the properties' canonical text. */
        long hash() {
            return GraphStamps.stamp(properties);
        }
    }

    private GraphRows() {
    }

    /**
     * Reads every row of the batch.
     *
     * @param keyColumns the batch columns that are keys, not properties ({@code <element>}, {@code from.*}, ...);
     *                   a node's merge key is a property and not listed here
     * @param rewrites   property to its map (source text to CERT text)
     */
    static void read(StagedTable table, List<String> keyColumns, Map<String, Map<String, String>> rewrites,
            Consumer<Row> rows) {
        List<BatchColumn> columns = table.columns();
        for (Path file : table.files()) {
            try (BatchReader reader = BatchReader.open(file, null)) {
                String[] row;
                while ((row = reader.next()) != null) {
                    Map<String, String> keys = new TreeMap<>();
                    List<String> labels = new ArrayList<>();
                    Map<String, Object> properties = new TreeMap<>();
                    Map<String, String> moved = new HashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        BatchColumn c = columns.get(i);
                        String text = row[i];
                        Map<String, String> map = rewrites.get(c.name());
                        if (text != null && map != null) {
                            String mapped = map.getOrDefault(text, text);
                            if (!mapped.equals(text)) {
                                moved.put(c.name(), text);
                                text = mapped;
                            }
                        }
                        if (keyColumns.contains(c.name())) {
                            keys.put(c.name(), text);
                        } else if (c.name().equals(GraphValues.LABELS_COLUMN)) {
                            if (text != null) {
                                for (Object label : (List<?>) GraphValues.value(text, GraphValues.TYPE_PREFIX + "StringArray")) {
                                    labels.add((String) label);
                                }
                            }
                        } else if (text != null) {
                            properties.put(c.name(), GraphValues.value(text, c.pgType()));
                        }
                    }
                    rows.accept(new Row(keys, labels, properties, moved));
                }
            }
        }
    }
}
