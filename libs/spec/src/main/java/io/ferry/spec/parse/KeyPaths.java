package io.ferry.spec.parse;

import java.util.regex.Pattern;

/** Builds the key paths errors show: {@code stores.ids.prod}, {@code links[3].from}, {@code closure.edges."a.b(c)"}. */
public final class KeyPaths {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private KeyPaths() {
    }

    public static String child(String parent, String key) {
        String segment = PLAIN.matcher(key).matches() ? key : '"' + key.replace("\"", "\\\"") + '"';
        return parent.isEmpty() ? segment : parent + "." + segment;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
