package io.ferry.service.run;

import io.ferry.batches.BatchColumn;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.TableId;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The anonymized batches of one table (or label, or relationship type) of a run, fetched to local files.
 *
 * @param columns the batches' columns: PROD's names and types, in PROD's order
 */
public record StagedTable(TableId id, List<BatchColumn> columns, List<Path> files, long rows) {

    public StagedTable {
        columns = List.copyOf(columns);
        files = List.copyOf(files);
    }

    /** The PROD columns as the schema mapping takes them (only names and types matter there). */
    public List<Column> prodColumns() {
        return columns.stream().map(c -> new Column(c.name(), 0, c.pgType(), true, Column.Generation.NONE, null)).toList();
    }

    public Optional<BatchColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public boolean graph() {
        return id.schema().equals(TableId.LABELS) || id.schema().equals(TableId.RELATIONSHIPS);
    }
}
