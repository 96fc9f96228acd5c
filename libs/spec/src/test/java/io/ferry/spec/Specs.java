package io.ferry.spec;

import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers: parse text with every placeholder resolvable, or with given properties. */
public final class Specs {

    /** Every {@code ${key}} of the text with a made-up value: for tests where connections do not matter. */
    public static Map<String, String> allKeys(String text) {
        Map<String, String> keys = new HashMap<>();
        Matcher matcher = Pattern.compile("\\$\\{([^}]*)}").matcher(text);
        while (matcher.find()) {
            keys.put(matcher.group(1), "value-of-" + matcher.group(1));
        }
        return keys;
    }

    /** Parses with every placeholder resolvable. */
    public static Spec parseResolvable(String text) {
        return parse(text, allKeys(text));
    }

    private Specs() {
    }

    public static Spec parse(String text) {
        return parse(text, Map.of());
    }

    public static Spec parse(String text, Map<String, String> properties) {
        return parser(properties).read("ferry.yaml", text, Path.of("."));
    }

    public static SpecParser parser(Map<String, String> properties) {
        return new SpecParser(new Resolver(Map.of(), properties, Path.of(".")),
                Set.of(SpecParser.Environment.values()));
    }

    public static String resource(String name) {
        try (InputStream in = Specs.class.getClassLoader().getResourceAsStream(name)) {
            return new String(Optional.ofNullable(in).orElseThrow(() -> new IllegalStateException("no " + name))
                    .readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
