package io.ferry.schema.mapping;

import io.ferry.schema.model.TableId;

import java.util.List;
import java.util.Optional;

/**
 * How a PROD table's batches land in its CERT table.
 *
 * @param columns one entry per CERT column the load concerns, in CERT's column order; CERT's
 *                generated columns are never listed
 * @param dropped PROD columns left out by a {@code drop} rule
 * @param issues  what the validation result reports about this table's schema
 */
public record TableMapping(TableId table, List<ColumnMapping> columns, List<String> dropped,
        List<MappingIssue> issues) {

    public TableMapping {
        columns = List.copyOf(columns);
        dropped = List.copyOf(dropped);
        issues = List.copyOf(issues);
    }

    /** Whether no error stands in the way of loading the table. */
    public boolean loadable() {
        return issues.stream().noneMatch(MappingIssue::error);
    }

    public Optional<ColumnMapping> column(String target) {
        return columns.stream().filter(c -> c.target().equals(target)).findFirst();
    }
}
