package io.ferry.schema.model;

import java.util.List;
import java.util.Objects;

/**
 * One way a row of {@code from} points at a row of {@code to}: a foreign key, a spec link across
 * stores, a virtual foreign key, a JSON-path link, or a graph relationship's endpoint.
 *
 * @param fromColumns referencing columns, in the order of {@code toColumns}
 * @param jsonPath    for {@link Origin#JSON_PATH}: the path inside {@code fromColumns.get(0)} (e.g.
 *                    {@code $.personId}); null otherwise
 * @param nullable    whether a referencing row may hold NULL in any referencing column
 * @param deferrable  whether the constraint is DEFERRABLE (only for {@link Origin#FOREIGN_KEY})
 */
public record Reference(String name, TableId from, List<String> fromColumns, TableId to, List<String> toColumns,
        boolean nullable, boolean deferrable, Origin origin, String jsonPath) {

    /** Where the reference comes from. Only declared foreign keys are enforced by a database. */
    public enum Origin {
        /** Declared on the table (or its partitioned parent). */
        FOREIGN_KEY,
        /** Declared only on the partitions of a partitioned table (Pagila's payment); counts as the parent's. */
        PARTITION_FOREIGN_KEY,
        /** A foreign key the spec declares inside one store, where the database has none. */
        VIRTUAL,
        /** A spec link between two stores. */
        LINK,
        /** A spec link from a value inside a jsonb column. */
        JSON_PATH,
        /** A Neo4j relationship type's start or end node. */
        GRAPH
    }

    public Reference {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(origin, "origin");
        fromColumns = List.copyOf(fromColumns);
        toColumns = List.copyOf(toColumns);
        if (fromColumns.size() != toColumns.size()) {
            throw new IllegalArgumentException("reference " + name + " maps " + fromColumns.size() + " column(s) onto "
                    + toColumns.size());
        }
    }

    public boolean composite() {
        return fromColumns.size() > 1;
    }

    public boolean selfReference() {
        return from.equals(to);
    }

    public boolean crossStore() {
        return !from.store().equals(to.store());
    }

    /** {@code ids.public.person(id)}-style text, as the spec writes references. */
    public String describe() {
        return from + "(" + String.join(", ", fromColumns) + (jsonPath == null ? "" : " " + jsonPath) + ") -> " + to
                + "(" + String.join(", ", toColumns) + ")";
    }
}
