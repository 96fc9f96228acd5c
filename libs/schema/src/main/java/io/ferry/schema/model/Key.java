package io.ferry.schema.model;

import java.util.List;

/** A primary or unique key (constraint or unique index). */
public record Key(String name, List<String> columns, boolean primary) {

    public Key {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("key " + name + " has no columns");
        }
    }

    public boolean composite() {
        return columns.size() > 1;
    }
}
