package io.ferry.anonymize.text;

import io.ferry.anonymize.classify.JsonLeaves;
import java.util.List;

/**
 * JSON paths as the preflight and the rules write them: {@code $.address.city}, array elements as {@code [*]}
 * (any bracket counts as {@code [*]}), keys that are not plain identifiers double-quoted with {@code ""} for a
 * quote ({@code $."first name"}). A rule's path covers a leaf when it is the leaf's path or an ancestor of it.
 * Paths are read by the preflight's {@link JsonLeaves#keys}.
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
        return JsonLeaves.keys(path);
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
