package io.ferry.spec;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a parsed spec came from and where each of its keys and values sits, so that checks done
 * after parsing (against live schemas) still point at a line and column.
 *
 * @param file      the name errors show (the file name as given)
 * @param folder    the spec's folder: relative paths and {@code estate.properties} resolve from here
 * @param locations key path to [line, column], both 1-based; a path's value position
 */
public record SpecSource(String file, Path folder, Map<String, int[]> locations) {

    public SpecSource {
        locations = Map.copyOf(locations);
    }

    /** An error at {@code keyPath}, else at its nearest located ancestor. */
    public SpecError error(String keyPath, String message, String hint) {
        String path = keyPath;
        while (!locations.containsKey(path) && !path.isEmpty()) {
            path = parent(path);
        }
        int[] at = locations.getOrDefault(path, new int[] {1, 1});
        return new SpecError(file, at[0], at[1], keyPath, message, hint);
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('['), lastDotOutsideQuotes(path));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static int lastDotOutsideQuotes(String path) {
        boolean quoted = false;
        int last = -1;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                last = i;
            }
        }
        return last;
    }

    @Override
    public String toString() {
        return "SpecSource[" + file + "]";
    }
}
