package io.ferry.anonymize.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * JSON paths as the preflight writes them: {@code $.address.city}, arrays as {@code [*]}
 * ({@code $.guardians[*].phone}), keys that are not plain identifiers double-quoted
 * ({@code $."first name"}). Walks parsed values in memory; nothing here is logged.
 */
public final class JsonLeaves {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonLeaves() {
    }

    /** Parses PostgreSQL's text output of a json or jsonb value; empty when it is not JSON. */
    public static Optional<JsonNode> parse(String text) {
        try {
            return Optional.ofNullable(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Every scalar leaf under {@code node} with its path from {@code $}; JSON nulls are left out. */
    public static void leaves(JsonNode node, BiConsumer<String, String> sink) {
        walk(node, "$", sink);
    }

    private static void walk(JsonNode node, String path, BiConsumer<String, String> sink) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), child(path, e.getKey()), sink);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                walk(element, path + "[*]", sink);
            }
        } else {
            sink.accept(path, node.asText());
        }
    }

    /** {@code path.key}, the key quoted when it is not a plain identifier. */
    public static String child(String path, String key) {
        return path + "." + (PLAIN.matcher(key).matches() ? key : '"' + key.replace("\"", "\"\"") + '"');
    }

    /** The scalar values at {@code path} (and, when it ends at an object or array, every leaf below it). */
    public static List<String> valuesAt(JsonNode root, String path) {
        List<String> out = new ArrayList<>();
        collect(root, keys(path), 0, out);
        return out;
    }

    private static void collect(JsonNode node, String[] keys, int i, List<String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (i == keys.length) {
            walk(node, "$", (p, v) -> out.add(v));
            return;
        }
        if (keys[i].equals("*")) {
            if (node.isArray()) {
                for (JsonNode element : node) {
                    collect(element, keys, i + 1, out);
                }
            }
        } else if (node.isObject()) {
            collect(node.get(keys[i]), keys, i + 1, out);
        }
    }

    /**
     * The keys of a path: {@code $.a."b c"[*].d} gives {@code a, b c, *, d}.
     *
     * @throws IllegalArgumentException when the path does not start with {@code $} or a quote is open
     */
    public static String[] keys(String path) {
        if (path == null || !path.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with $");
        }
        List<String> keys = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed [ in a JSON path");
                }
                keys.add("*");
                i = end + 1;
            } else if (c == '.') {
                i++;
                if (i < path.length() && path.charAt(i) == '"') {
                    StringBuilder key = new StringBuilder();
                    i++;
                    boolean closed = false;
                    while (i < path.length()) {
                        char q = path.charAt(i);
                        if (q == '"' && i + 1 < path.length() && path.charAt(i + 1) == '"') {
                            key.append('"');
                            i += 2;
                        } else if (q == '"') {
                            i++;
                            closed = true;
                            break;
                        } else {
                            key.append(q);
                            i++;
                        }
                    }
                    if (!closed) {
                        throw new IllegalArgumentException("unclosed double quote in a JSON path");
                    }
                    keys.add(key.toString());
                } else {
                    int start = i;
                    while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
                        i++;
                    }
                    keys.add(path.substring(start, i));
                }
            } else {
                throw new IllegalArgumentException("a JSON path continues with . or [");
            }
        }
        return keys.toArray(String[]::new);
    }

    /** True when the path is plain object keys only (PostgreSQL's {@code #>>} can read it). */
    public static boolean isPlain(String path) {
        for (String k : keys(path)) {
            if (k.equals("*")) {
                return false;
            }
        }
        return true;
    }

    /** Whether a rule's path covers the leaf: the same path or an ancestor of it. */
    public static boolean covers(String rulePath, String leafPath) {
        String[] rule = keys(rulePath);
        String[] leaf = keys(leafPath);
        if (rule.length > leaf.length) {
            return false;
        }
        for (int i = 0; i < rule.length; i++) {
            if (!rule[i].equals(leaf[i])) {
                return false;
            }
        }
        return true;
    }
}
