package io.ferry.spec.model;

import io.ferry.schema.model.TableId;

import java.util.List;

/** The tenant's root table and the unique columns whose value names a district ({@code district-001}). */
public record Tenant(TableId table, List<String> key) {

    public Tenant {
        key = List.copyOf(key);
    }
}
