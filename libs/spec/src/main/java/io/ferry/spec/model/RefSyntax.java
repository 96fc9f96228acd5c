package io.ferry.spec.model;

import io.ferry.schema.model.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the spec's reference syntax. Pure; every failure is an {@link IllegalArgumentException} whose
 * message says what is wrong and shows the expected form.
 * <ul>
 * <li>{@code store.schema.table(col[, col...])}, any identifier optionally double-quoted:
 * {@code hcp2.public."AssessmentResult"("personId")}</li>
 * <li>a JSON path inside one jsonb column: {@code adb.public.event(payload->'$.personId')}</li>
 * <li>a graph node label: {@code sp:Person(personId)}; a relationship type: {@code sp:[:TEACHES](since)}</li>
 * <li>without the parenthesis, the table alone ({@link #parseTable}).</li>
 * </ul>
 */
public final class RefSyntax {

    private static final String FORMS = "store.schema.table(column, ...), store.schema.table(column->'$.path'), "
            + "store:Label(property) or store:[:TYPE](property)";
    private static final Pattern GRAPH_PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private RefSyntax() {
    }

    /** A reference with its columns. */
    public static Ref parse(String text) {
        Ref ref = parseAny(text);
        if (ref.columns().isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no columns; write " + FORMS);
        }
        return ref;
    }

    /** A table, label or relationship type without columns: {@code ids.public.person}, {@code sp:Person}. */
    public static Ref parseTable(String text) {
        Ref ref = parseAny(text);
        if (!ref.columns().isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names columns where only a table is expected; write "
                    + "store.schema.table or store:Label");
        }
        return ref;
    }

    static String quoteGraphName(String name) {
        return GRAPH_PLAIN.matcher(name).matches() ? name : "`" + name.replace("`", "``") + "`";
    }

    private static Ref parseAny(String text) {
        String trimmed = text.strip();
        int open = indexOutsideQuotes(trimmed, '(');
        String tablePart = open < 0 ? trimmed : trimmed.substring(0, open).strip();
        TableId table = tableId(text, tablePart);
        if (open < 0) {
            return new Ref(table, List.of(), null);
        }
        if (!trimmed.endsWith(")")) {
            throw new IllegalArgumentException("'" + text + "' does not end with ')'; write " + FORMS);
        }
        String inside = trimmed.substring(open + 1, trimmed.length() - 1);
        int arrow = indexOutsideQuotes(inside, '-');
        String jsonPath = null;
        if (arrow >= 0) {
            if (!inside.startsWith("->", arrow)) {
                throw new IllegalArgumentException("'" + text + "': expected -> before the JSON path");
            }
            jsonPath = jsonPath(text, inside.substring(arrow + 2).strip());
            inside = inside.substring(0, arrow);
        }
        List<String> columns = new ArrayList<>();
        for (String column : splitOutsideQuotes(inside, ',')) {
            columns.add(identifier(text, column.strip(), table.schema().equals(TableId.LABELS)
                    || table.schema().equals(TableId.RELATIONSHIPS)));
        }
        if (jsonPath != null && columns.size() != 1) {
            throw new IllegalArgumentException("'" + text + "': a JSON path applies to exactly one column");
        }
        return new Ref(table, columns, jsonPath);
    }

    private static TableId tableId(String text, String tablePart) {
        int colon = indexOutsideQuotes(tablePart, ':');
        if (colon < 0) {
            try {
                TableId id = TableId.parse(tablePart);
                if (id.schema().isEmpty() || id.name().isEmpty() || id.store().isEmpty()) {
                    throw new IllegalArgumentException("empty name part");
                }
                return id;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not a reference; write " + FORMS);
            }
        }
        String store = identifier(text, tablePart.substring(0, colon).strip(), false);
        String rest = tablePart.substring(colon + 1).strip();
        if (rest.startsWith("[")) {
            if (!rest.startsWith("[:") || !rest.endsWith("]")) {
                throw new IllegalArgumentException("'" + text + "': write a relationship type as store:[:TYPE]");
            }
            return new TableId(store, TableId.RELATIONSHIPS, graphName(text, rest.substring(2, rest.length() - 1).strip()));
        }
        return new TableId(store, TableId.LABELS, graphName(text, rest));
    }

    private static String graphName(String text, String name) {
        if (name.length() >= 2 && name.startsWith("`") && name.endsWith("`")) {
            return name.substring(1, name.length() - 1).replace("``", "`");
        }
        if (!GRAPH_PLAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + text + "': '" + name + "' is not a label or type name "
                    + "(quote unusual names with backticks)");
        }
        return name;
    }

    private static String identifier(String text, String part, boolean graph) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has an empty name; write " + FORMS);
        }
        if (graph && part.startsWith("`")) {
            return graphName(text, part);
        }
        List<String> parts;
        try {
            parts = TableId.splitQualified(part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
        if (parts.size() != 1 || part.startsWith("\"") != part.endsWith("\"")
                || (!part.startsWith("\"") && !part.matches("[A-Za-z_][A-Za-z0-9_$]*"))) {
            throw new IllegalArgumentException("'" + text + "': '" + part + "' is not a name (double-quote names "
                    + "with dots, spaces or capitals)");
        }
        return parts.get(0);
    }

    private static String jsonPath(String text, String quoted) {
        if (quoted.length() < 2 || !quoted.startsWith("'") || !quoted.endsWith("'")) {
            throw new IllegalArgumentException("'" + text + "': write the JSON path in single quotes, e.g. "
                    + "payload->'$.personId'");
        }
        String path = quoted.substring(1, quoted.length() - 1).replace("''", "'");
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("'" + text + "': a JSON path starts with $, e.g. '$.personId'");
        }
        return path;
    }

    private static int indexOutsideQuotes(String text, char wanted) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        int at;
        while ((at = indexOutsideQuotes(rest, separator)) >= 0) {
            parts.add(rest.substring(0, at));
            rest = rest.substring(at + 1);
        }
        parts.add(rest);
        return parts;
    }
}
