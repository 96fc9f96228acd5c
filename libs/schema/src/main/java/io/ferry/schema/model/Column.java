package io.ferry.schema.model;

import java.util.Objects;

/**
 * A column (or a Neo4j property).
 *
 * @param type       PostgreSQL's {@code format_type()} (e.g. {@code character varying(120)}, {@code text[]},
 *                   a domain or enum name), or the Neo4j property type
 * @param generation how the database fills it, if it does
 * @param defaultExpression the column default as {@code pg_get_expr} prints it, or null
 */
public record Column(String name, int position, String type, boolean nullable, Generation generation,
        String defaultExpression) {

    /** Values the database computes itself; the loader leaves generated columns out. */
    public enum Generation {
        NONE, STORED, IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT
    }

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(generation, "generation");
    }
}
