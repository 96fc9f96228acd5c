package io.ferry.schema.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names a table of a store: {@code store.schema.name}, e.g. {@code ids.public.person}. Names are kept
 * exactly as the database stores them (case included); {@link #toString()} quotes the parts that need
 * it, so {@code hcp2.public."AssessmentResult"} parses back to the same id. For a Neo4j store the
 * schema is {@link #LABELS} or {@link #RELATIONSHIPS} and the name is the label or relationship type.
 */
public record TableId(String store, String schema, String name) implements Comparable<TableId> {

    /** Schema of a Neo4j store's node labels. */
    public static final String LABELS = "label";
    /** Schema of a Neo4j store's relationship types. */
    public static final String RELATIONSHIPS = "relationship";

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    public TableId {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** {@code schema.name}, quoted where needed: what SQL and the plan's {@code table} field show. */
    public String qualified() {
        return quote(schema) + "." + quote(name);
    }

    @Override
    public String toString() {
        return quote(store) + "." + qualified();
    }

    /** An SQL identifier, double-quoted unless it is a plain lower-case name. */
    public static String quote(String identifier) {
        return PLAIN.matcher(identifier).matches() ? identifier : '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Parses {@code store.schema.name} with optional double quotes around any part.
     *
     * @throws IllegalArgumentException naming what is wrong, without echoing more than the input
     */
    public static TableId parse(String text) {
        List<String> parts = splitQualified(text);
        if (parts.size() != 3) {
            throw new IllegalArgumentException("'" + text + "' is not store.schema.table (e.g. ids.public.person)");
        }
        return new TableId(parts.get(0), parts.get(1), parts.get(2));
    }

    /** Splits a dot-separated, optionally double-quoted name ({@code a."B.c".d} -> a, B.c, d). */
    public static List<String> splitQualified(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                parts.add(current.toString());
                current.setLength(0);
                wasQuoted = false;
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed double quote in '" + text + "'");
        }
        parts.add(current.toString());
        if (parts.stream().anyMatch(String::isEmpty) && !wasQuoted) {
            throw new IllegalArgumentException("empty name part in '" + text + "'");
        }
        return parts;
    }

    @Override
    public int compareTo(TableId o) {
        int c = store.compareTo(o.store);
        if (c == 0) {
            c = schema.compareTo(o.schema);
        }
        return c != 0 ? c : name.compareTo(o.name);
    }
}
