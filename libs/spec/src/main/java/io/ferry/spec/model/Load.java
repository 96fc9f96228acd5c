package io.ferry.spec.model;

import io.ferry.schema.model.TableId;

import java.util.Map;

/**
 * Load options.
 *
 * @param conflict the strategy for tables not in {@code keys}
 * @param keys     per table
 */
public record Load(ConflictStrategy conflict, Map<TableId, ConflictStrategy> keys, TriggerMode triggers) {

    public Load {
        keys = Maps.ordered(keys);
    }
}
