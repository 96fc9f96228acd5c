package io.ferry.spec.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ${key}} placeholders in connection values. Pure. */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    private Placeholders() {
    }

    /** The keys a template names, in order. */
    public static List<String> keys(String template) {
        List<String> keys = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    /** The problem with a template's syntax, if any (an unclosed or empty placeholder, an odd key). */
    public static Optional<String> syntaxProblem(String template) {
        String rest = PLACEHOLDER.matcher(template).replaceAll("");
        if (rest.contains("${")) {
            return Optional.of("unclosed ${ in a placeholder");
        }
        return keys(template).stream().filter(k -> !KEY.matcher(k).matches()).findFirst()
                .map(k -> "'${" + k + "}' is not a placeholder key (letters, digits, '.', '_', '-')");
    }

    /** True if the value is exactly one placeholder, e.g. {@code ${prod.ids.password}}. */
    public static boolean isSingle(String value) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        return matcher.matches() && KEY.matcher(matcher.group(1)).matches();
    }

    /**
     * Replaces every placeholder by {@code lookup}'s value.
     *
     * @throws IllegalArgumentException naming the first key without a value (never a value)
     */
    public static String resolve(String template, Function<String, Optional<String>> lookup) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group(1);
            String value = lookup.apply(key).orElseThrow(() -> new IllegalArgumentException(
                    "'${" + key + "}' is neither an environment variable nor a key of estate.properties"));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
