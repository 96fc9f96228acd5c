package io.ferry.schema.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema of an environment's stores plus the references the spec adds (cross-store links,
 * JSON-path links, virtual foreign keys): everything the dependency graph and the closure run on.
 */
public record EstateSchema(List<StoreSchema> stores, List<Reference> specReferences) {

    public EstateSchema {
        stores = List.copyOf(stores);
        specReferences = List.copyOf(specReferences);
    }

    public Optional<StoreSchema> store(String name) {
        return stores.stream().filter(s -> s.store().equals(name)).findFirst();
    }

    public Optional<Table> table(TableId id) {
        return store(id.store()).flatMap(s -> s.table(id));
    }

    public List<Table> tables() {
        return stores.stream().flatMap(s -> s.tables().stream()).toList();
    }

    /** Declared references of every store, then the spec's. */
    public List<Reference> references() {
        List<Reference> all = new ArrayList<>();
        stores.forEach(s -> all.addAll(s.references()));
        all.addAll(specReferences);
        return all;
    }

    public Map<String, StoreSchema> byName() {
        Map<String, StoreSchema> map = new LinkedHashMap<>();
        stores.forEach(s -> map.put(s.store(), s));
        return map;
    }

    public EstateSchema withSpecReferences(List<Reference> references) {
        return new EstateSchema(stores, references);
    }
}
