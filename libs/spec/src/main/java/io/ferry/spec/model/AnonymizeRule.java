package io.ferry.spec.model;

/**
 * Maps a column (optionally a JSON path inside it) or a graph property onto a data type.
 *
 * @param column   {@code store.schema.table.column}; null for a graph property
 * @param property {@code store:Label.property}; null for a column
 * @param path     JSON path inside a jsonb column; null for the whole value
 * @param type     the data type, e.g. {@code person.first_name}
 * @param strategy null for the type's default strategy
 * @param entity   for entity-scoped strategies ({@code date-shift}): the column naming the entity
 */
public record AnonymizeRule(String column, String property, String path, String type, String strategy,
        String entity) {
}
