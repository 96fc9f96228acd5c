package io.ferry.spec.check;

import java.util.Locale;
import java.util.Set;

/**
 * Groups PostgreSQL and Neo4j type names into families that compare equal without a cast, so the
 * checker can ask for {@code cast:} where a graph's string id meets an integer column.
 */
enum TypeFamily {
    INTEGER, TEXT, UUID, OTHER;

    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint", "int", "int2", "int4", "int8",
            "long");
    private static final Set<String> TEXTS = Set.of("text", "string", "varchar", "char", "bpchar", "name", "citext");

    static TypeFamily of(String type) {
        String t = type.toLowerCase(Locale.ROOT).replaceAll("\\(.*\\)", "").strip();
        if (INTEGERS.contains(t)) {
            return INTEGER;
        }
        if (TEXTS.contains(t) || t.startsWith("character")) {
            return TEXT;
        }
        return t.equals("uuid") ? UUID : OTHER;
    }
}
