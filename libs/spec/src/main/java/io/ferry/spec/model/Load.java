package io.ferry.spec.model;

import io.ferry.schema.model.TableId;

import java.util.Map;

/**
 * Load options.
 *
 * @param conflict      the strategy for tables not in {@code keys}
 * @param keys          per table
 * @param triggers      whether user triggers fire during Ferry's fix-up updates, for tables not in
 *                      {@code tableTriggers}
 * @param tableTriggers per table
 */
public record Load(ConflictStrategy conflict, Map<TableId, ConflictStrategy> keys, TriggerMode triggers,
        Map<TableId, TriggerMode> tableTriggers) {

    public Load {
        keys = Maps.ordered(keys);
        tableTriggers = Maps.ordered(tableTriggers);
    }

    /** One mode for every table. */
    public Load(ConflictStrategy conflict, Map<TableId, ConflictStrategy> keys, TriggerMode triggers) {
        this(conflict, keys, triggers, Map.of());
    }

    /** The mode for one table's fix-ups. */
    public TriggerMode triggers(TableId table) {
        return tableTriggers.getOrDefault(table, triggers);
    }
}
