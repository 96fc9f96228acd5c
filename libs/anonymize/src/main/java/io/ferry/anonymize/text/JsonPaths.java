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
        String[] keys = PARSED.get(path);
        if (keys == null) {
            keys = JsonLeaves.keys(path);
            if (PARSED.size() < MAX_PARSED) {
                PARSED.put(path, keys);
            }
        }
        return keys;
    }

    /** Parsed paths: a spec has a few dozen, and every JSON value of a column asks for the same ones again. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String[]> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_PARSED = 10_000;

    /**
     * The index of the most specific rule whose key list covers the leaf at {@code leaf} (the rule's keys are a
     * prefix of the leaf's; the longest prefix wins), or -1.
     */
    static int covering(List<String[]> rules, List<String> leaf) {
        int best = -1;
        for (int r = 0; r < rules.size(); r++) {
            String[] rule = rules.get(r);
            if (rule.length > leaf.size() || best >= 0 && rule.length <= rules.get(best).length) {
                continue;
            }
            boolean prefix = true;
            for (int i = 0; i < rule.length && prefix; i++) {
                prefix = rule[i].equals(leaf.get(i));
            }
            if (prefix) {
                best = r;
            }
        }
        return best;
    }
}
