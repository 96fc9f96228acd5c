package io.ferry.spec.model;

import io.ferry.schema.model.StoreKind;

import java.util.List;

/**
 * A database of the estate under the name the spec gives it.
 *
 * @param schemas the PostgreSQL schemas Ferry reads ({@code [public]} unless given); empty for Neo4j
 */
public record Store(String name, StoreKind kind, List<String> schemas, Connection prod, Connection cert) {

    public Store {
        schemas = List.copyOf(schemas);
    }
}
