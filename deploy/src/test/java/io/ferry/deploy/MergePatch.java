package io.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * A patch applied as kustomize applies the patches deploy/overlays use: objects merge key by key, null deletes,
 * lists of named objects (containers, env) merge by name as a strategic merge does, other lists are replaced.
 * {@code KustomizationTest} checks the result against {@code kubectl kustomize} where kubectl is installed.
 */
final class MergePatch {

    private MergePatch() {
    }

    static void apply(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                apply((ObjectNode) current, (ObjectNode) value);
            } else if (value.isArray() && current != null && current.isArray() && named(value) && named(current)) {
                mergeByName((ArrayNode) current, (ArrayNode) value);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    /** Elements new to the list go first, in the patch's order, as kustomize puts them. */
    private static void mergeByName(ArrayNode target, ArrayNode patch) {
        int added = 0;
        for (JsonNode element : patch) {
            String name = element.get("name").asText();
            var existing = StreamSupport.stream(target.spliterator(), false)
                    .filter(e -> e.get("name").asText().equals(name))
                    .findFirst();
            if (existing.isPresent()) {
                apply((ObjectNode) existing.get(), (ObjectNode) element);
            } else {
                target.insert(added++, element.deepCopy());
            }
        }
    }

    private static boolean named(JsonNode list) {
        return !list.isEmpty() && StreamSupport.stream(list.spliterator(), false)
                .allMatch(element -> element.isObject() && element.hasNonNull("name"));
    }
}
