package io.ferry.anonymizer.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ferry.anonymizer.rules.ColumnAction;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies a json/jsonb column's path rules to the leaves they name (a path ending at an object or array
 * covers every scalar below it). Strings stay strings; a number stays a number when its anonymized form
 * still is one. Structure, keys and order are kept. The free-text scrubbing of the remaining string leaves
 * is the caller's next step.
 */
final class JsonRewriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Told of every leaf a rule changes, to check it and remember its source. */
    interface LeafListener {
        void leaf(ColumnAction.PathRule rule, String before, String after);
    }

    private JsonRewriter() {
    }

    /**
     * @return the rewritten JSON text, or {@code json} itself when no rule names a leaf of it
     * @throws IllegalArgumentException when the value is not JSON (the message gives no content)
     */
    static String apply(String json, Iterable<ColumnAction.PathRule> rules, String[] row, LeafListener listener) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not well-formed JSON");
        }
        int[] leaves = {0};
        LeafListener counting = (rule, before, after) -> {
            leaves[0]++;
            listener.leaf(rule, before, after);
        };
        for (ColumnAction.PathRule rule : rules) {
            String entity = rule.entityColumn() < 0 ? null : row[rule.entityColumn()];
            JsonNode replaced = walk(root, rule, 0, entity, counting);
            if (replaced != null) {
                root = replaced;
            }
        }
        if (leaves[0] == 0) {
            return json;
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Rewrites under {@code node}; returns a replacement for {@code node} itself when it is a leaf that changed. */
    private static JsonNode walk(JsonNode node, ColumnAction.PathRule rule, int depth, String entity,
            LeafListener listener) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String[] keys = rule.keys();
        if (depth == keys.length) {
            return everyLeaf(node, rule, entity, listener);
        }
        if (keys[depth].equals("*")) {
            if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    JsonNode r = walk(array.get(i), rule, depth + 1, entity, listener);
                    if (r != null) {
                        array.set(i, r);
                    }
                }
            }
        } else if (node instanceof ObjectNode object) {
            JsonNode r = walk(object.get(keys[depth]), rule, depth + 1, entity, listener);
            if (r != null) {
                object.set(keys[depth], r);
            }
        }
        return null;
    }

    private static JsonNode everyLeaf(JsonNode node, ColumnAction.PathRule rule, String entity,
            LeafListener listener) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode r = everyLeaf(e.getValue(), rule, entity, listener);
                if (r != null) {
                    e.setValue(r);
                }
            }
            return null;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode r = everyLeaf(array.get(i), rule, entity, listener);
                if (r != null) {
                    array.set(i, r);
                }
            }
            return null;
        }
        if (node.isNull() || node.isBoolean() || !(node.isTextual() || node.isNumber())) {
            return null;
        }
        String before = node.asText();
        String after = rule.anonymizer().apply(before, entity);
        listener.leaf(rule, before, after);
        if (after == null) {
            return JSON.nullNode();
        }
        if (node.isNumber()) {
            try {
                return JSON.getNodeFactory().numberNode(new BigDecimal(after));
            } catch (NumberFormatException e) {
                return new TextNode(after);
            }
        }
        return new TextNode(after);
    }
}
