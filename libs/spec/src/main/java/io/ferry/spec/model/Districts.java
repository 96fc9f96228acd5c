package io.ferry.spec.model;

import io.ferry.schema.model.TableId;

import java.util.List;
import java.util.Map;

/**
 * How {@code ferry districts} sizes and ranks districts. It changes no copied row, so it is left out
 * of the spec hash (like connections); {@code ferry districts}' options override it.
 *
 * @param counts        by name ({@code students}, {@code staff}, {@code schools}), in the spec's order
 * @param priority      districts ranked first, in this order
 * @param rowsPerSecond the copy rate behind the estimated time; null when the spec gives none
 */
public record Districts(Map<String, Count> counts, List<String> priority, Long rowsPerSecond) {

    /** Nothing given: detection, no priority, the default rate. */
    public static final Districts NONE = new Districts(Map.of(), List.of(), null);

    public Districts {
        counts = Maps.ordered(counts);
        priority = List.copyOf(priority);
    }

    /**
     * The owned rows of {@code table} that count, optionally filtered.
     *
     * @param where an SQL condition over the table's own columns, or null for every owned row
     */
    public record Count(TableId table, String where) {
    }
}
