package io.ferry.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * One store's schema as introspected: its tables and the references declared inside it.
 *
 * @param fingerprint a hash of everything above that the mapping and loading depend on (so the loader
 *                    can tell that CERT changed since validation)
 */
public record StoreSchema(String store, StoreKind kind, List<Table> tables, List<Reference> references,
        String fingerprint) {

    public StoreSchema {
        tables = List.copyOf(tables);
        references = List.copyOf(references);
    }

    public Optional<Table> table(TableId id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
