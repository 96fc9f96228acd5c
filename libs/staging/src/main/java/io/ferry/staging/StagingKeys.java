package io.ferry.staging;

/**
 * Validates keys and prefixes. Keys are relative, {@code /}-separated, with no empty part, no
 * {@code .} or {@code ..}, and no part starting with {@code .}: such names are reserved for the
 * filesystem store's temp files, and rejecting them keeps a key from escaping the root.
 */
public final class StagingKeys {

    private StagingKeys() {
    }

    /** Returns the key if valid; otherwise throws {@link IllegalArgumentException} naming the problem. */
    public static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("staging key is empty");
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("staging key '" + key + "' must be relative, not start with '/'");
        }
        if (key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("staging key '" + key.replace('\0', '?')
                    + "' must use '/' only and no control characters");
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("staging key '" + key + "' has an empty part");
            }
            if (part.startsWith(".")) {
                throw new IllegalArgumentException("staging key '" + key
                        + "' has a part starting with '.' ('..' and hidden names are not allowed)");
            }
        }
        return key;
    }

    /** Whether {@link #requireKey} accepts the key: an object store may hold other names, which staging skips. */
    public static boolean isKey(String key) {
        try {
            requireKey(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Returns the prefix without a trailing {@code /}: {@code ""} for the whole store, else a valid key. */
    public static String requirePrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("staging prefix is missing (use \"\" for everything)");
        }
        String folder = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return folder.isEmpty() && prefix.isEmpty() ? "" : requireKey(folder);
    }
}
