package io.ferry.anonymize.text;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON paths as the preflight and the rules write them: {@code $.address.city}, array elements as {@code [*]}
 * (any bracket counts as {@code [*]}), keys that are not plain identifiers double-quoted with {@code ""} for a
 * quote ({@code $."first name"}). A rule's path covers a leaf when it is the leaf's path or an ancestor of it.
 *
 * <p>Copied from the preflight's {@code JsonLeaves.keys} and {@code JsonLeaves.covers}
 * ({@code extractor-service/.../preflight/JsonLeaves.java}; on {@code main}
 * {@code io.ferry.anonymize.classify.JsonLeaves}), to be unified.
 */
final class JsonPaths {

    /** The key a path uses for "any element of an array". */
    static final String ANY = "*";

    private JsonPaths() {
    }

    /**
     * The keys of a path: {@code $.a."b c"[*].d} gives {@code a, b c, *, d}.
     *
     * @throws IllegalArgumentException when the path does not start with {@code $} or a quote or bracket is open
     */
    static String[] keys(String path) {
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
                keys.add(ANY);
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

    /** Whether one of the rules' key lists covers the leaf at {@code leaf} (the rule's keys are a prefix). */
    static boolean covered(List<String[]> rules, List<String> leaf) {
        for (String[] rule : rules) {
            if (rule.length > leaf.size()) {
                continue;
            }
            boolean prefix = true;
            for (int i = 0; i < rule.length && prefix; i++) {
                prefix = rule[i].equals(leaf.get(i));
            }
            if (prefix) {
                return true;
            }
        }
        return false;
    }
}
