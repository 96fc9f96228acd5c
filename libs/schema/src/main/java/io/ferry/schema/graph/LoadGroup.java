package io.ferry.schema.graph;

import io.ferry.schema.model.TableId;
import java.util.List;

/**
 * One step of a store's load order: a single table, or every table of a cycle (parents first along
 * the references the cycle keeps).
 *
 * @param cycle null for an acyclic table
 */
public record LoadGroup(List<TableId> tables, Cycle cycle) {

    public LoadGroup {
        tables = List.copyOf(tables);
    }

    public boolean cyclic() {
        return cycle != null;
    }
}
