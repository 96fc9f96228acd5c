package io.ferry.anonymize.classify;

import io.ferry.schema.model.TableId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One field the preflight classifies: a column of a PostgreSQL table, a JSON leaf path inside a json or
 * jsonb column, or a property of a Neo4j label. Names only, never values.
 *
 * @param table        the table, or for a property the label ({@code TableId(store, "label", Label)})
 * @param name         the column or property name, as the database stores it
 * @param jsonPath     {@code $.address.city} (arrays as {@code [*]}) for {@link Kind#JSON_PATH}, else null
 * @param declaredType PostgreSQL's {@code format_type()} of the column (json/jsonb for a JSON path) or the
 *                     Neo4j property type
 */
public record Field(TableId table, Kind kind, String name, String jsonPath, String declaredType) {

    public enum Kind {
        COLUMN, JSON_PATH, PROPERTY
    }

    private static final Pattern PLAIN_CYPHER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Field {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(declaredType, "declaredType");
        if ((kind == Kind.JSON_PATH) != (jsonPath != null)) {
            throw new IllegalArgumentException("a JSON path field needs a path, other fields none");
        }
    }

    public static Field column(TableId table, String column, String type) {
        return new Field(table, Kind.COLUMN, column, null, type);
    }

    public static Field jsonPath(TableId table, String column, String path, String columnType) {
        return new Field(table, Kind.JSON_PATH, column, path, columnType);
    }

    public static Field property(String store, String label, String property, String type) {
        return new Field(new TableId(store, TableId.LABELS, label), Kind.PROPERTY, property, null, type);
    }

    public String store() {
        return table.store();
    }

    /** The finding's {@code table}: {@code public.person}, {@code public."AssessmentResult"}, {@code label.Person}. */
    public String tableText() {
        return kind == Kind.PROPERTY ? TableId.LABELS + "." + cypher(table.name()) : table.qualified();
    }

    /** The finding's {@code field}: {@code email}, {@code payload->'$.actor.email'} or a property name. */
    public String fieldText() {
        return switch (kind) {
            case COLUMN -> TableId.quote(name);
            case JSON_PATH -> TableId.quote(name) + "->'" + jsonPath + "'";
            case PROPERTY -> cypher(name);
        };
    }

    /** The leaf's own name: the column, the property, or the JSON path's last key. */
    public String leafName() {
        if (kind != Kind.JSON_PATH) {
            return name;
        }
        String[] keys = JsonLeaves.keys(jsonPath);
        for (int i = keys.length - 1; i >= 0; i--) {
            if (!keys[i].equals("*")) {
                return keys[i];
            }
        }
        return name;
    }

    /** The keys above the leaf inside the JSON value, nearest first (empty for columns and properties). */
    public java.util.List<String> jsonParents() {
        if (kind != Kind.JSON_PATH) {
            return java.util.List.of();
        }
        String[] keys = JsonLeaves.keys(jsonPath);
        java.util.List<String> parents = new java.util.ArrayList<>();
        boolean leafSeen = false;
        for (int i = keys.length - 1; i >= 0; i--) {
            if (keys[i].equals("*")) {
                continue;
            }
            if (!leafSeen) {
                leafSeen = true;
                continue;
            }
            parents.add(keys[i]);
        }
        return parents;
    }

    /** Where the field is, as a rule names it: {@code ids.public.person.email}, {@code sp:Person.email}. */
    public String location() {
        return switch (kind) {
            case COLUMN -> table + "." + TableId.quote(name);
            case JSON_PATH -> table + "." + TableId.quote(name) + "->'" + jsonPath + "'";
            case PROPERTY -> table.store() + ":" + cypher(table.name()) + "." + cypher(name);
        };
    }

    /** The rule a spec adds under {@code anonymize.rules} to cover this field with {@code type}. */
    public String ruleSnippet(DataType type) {
        return ruleSnippet(type.specName());
    }

    /** The rule to cover this field with a type named by its spec name, also one the preflight does not know. */
    public String ruleSnippet(String type) {
        return switch (kind) {
            case COLUMN -> "{column: " + yaml(table + "." + TableId.quote(name)) + ", type: " + type + "}";
            case JSON_PATH -> "{column: " + yaml(table + "." + TableId.quote(name)) + ", path: \"" + jsonPath
                    + "\", type: " + type + "}";
            case PROPERTY -> "{property: \"" + location() + "\", type: " + type + "}";
        };
    }

    /** A YAML scalar: plain unless it holds double quotes (then single-quoted, as the specs write them). */
    private static String yaml(String text) {
        return text.contains("\"") ? "'" + text.replace("'", "''") + "'" : text;
    }

    private static String cypher(String name) {
        return PLAIN_CYPHER.matcher(name).matches() ? name : "`" + name.replace("`", "``") + "`";
    }

    @Override
    public String toString() {
        return location();
    }
}
