package io.ferry.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * A table of a store as introspected: columns in order, keys, checks, and volume estimates.
 *
 * @param primaryKey  null for a table without a primary key
 * @param partitions  the partitions of a {@link TableKind#PARTITIONED} table (they are not tables of
 *                    their own in the model: their references count as the parent's)
 * @param rowEstimate the planner's estimate ({@code reltuples}) or an exact Neo4j count; -1 if unknown
 * @param bytes       on-disk size including partitions, indexes and TOAST; -1 if unknown
 */
public record Table(TableId id, TableKind kind, List<Column> columns, Key primaryKey, List<Key> uniqueKeys,
        List<Check> checks, List<String> partitions, long rowEstimate, long bytes) {

    public Table {
        columns = List.copyOf(columns);
        uniqueKeys = List.copyOf(uniqueKeys);
        checks = List.copyOf(checks);
        partitions = List.copyOf(partitions);
    }

    public Optional<Key> primary() {
        return Optional.ofNullable(primaryKey);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The columns that identify a row: the primary key, else every column (a table without one). */
    public List<String> identity() {
        return primaryKey != null ? primaryKey.columns() : columns.stream().map(Column::name).toList();
    }
}
