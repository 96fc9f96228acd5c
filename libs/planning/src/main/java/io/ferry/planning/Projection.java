package io.ferry.planning;

import java.util.Objects;

/**
 * One value the engine reads from each row: a column, or the text at a JSON path inside a jsonb column
 * (for {@code JSON_PATH} links).
 *
 * @param jsonPath {@code $.a.b}, or null for the column itself
 */
public record Projection(String column, String jsonPath) {

    public Projection {
        Objects.requireNonNull(column, "column");
    }

    public static Projection column(String column) {
        return new Projection(column, null);
    }

    /** The path's keys: {@code $.a.b} gives {@code [a, b]}. */
    public String[] pathKeys() {
        String p = jsonPath.startsWith("$.") ? jsonPath.substring(2) : jsonPath.startsWith("$") ? jsonPath.substring(1) : jsonPath;
        return p.isEmpty() ? new String[0] : p.split("\\.");
    }

    /** As the spec writes it: {@code payload->'$.personId'} or the column name. */
    @Override
    public String toString() {
        return jsonPath == null ? column : column + "->'" + jsonPath + "'";
    }
}
