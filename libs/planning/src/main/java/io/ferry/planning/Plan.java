package io.ferry.planning;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The closure of one district as {@code ferry plan --format json} prints it (DESIGN.md, Interfaces).
 * The key sets themselves stay in {@link Closure}; this is what a person or the coordinator reads.
 *
 * @param loadOrder tables as {@code store.schema.name}, parents before children; the tables of a
 *                  reference cycle are adjacent
 */
@JsonPropertyOrder({"district", "tables", "crossTenant", "dangling", "loadOrder"})
public record Plan(String district, List<TableRows> tables, List<CrossTenantRow> crossTenant, List<Dangling> dangling,
        List<String> loadOrder) {

    public Plan {
        tables = List.copyOf(tables);
        crossTenant = List.copyOf(crossTenant);
        dangling = List.copyOf(dangling);
        loadOrder = List.copyOf(loadOrder);
    }

    /** @param kind {@code table}, {@code label} or {@code relationship} */
    @JsonPropertyOrder({"store", "schema", "name", "table", "kind", "rows"})
    public record TableRows(String store, String schema, String name, String table, String kind, long rows) {
    }

    /**
     * @param table {@code schema.name} of the foreign row
     * @param key   its key as {@code col=value,...}
     * @param path  from the district's own row to the foreign row: {@code store.schema.name[key]}, then
     *              for each reference {@code (columns) -> store.schema.name[key]}
     */
    @JsonPropertyOrder({"store", "table", "key", "owner", "path"})
    public record CrossTenantRow(String store, String table, String key, String owner, List<String> path) {
        public CrossTenantRow {
            path = List.copyOf(path);
        }
    }

    /** @param count referencing rows of the closure whose value has no target row */
    @JsonPropertyOrder({"from", "to", "count", "policy"})
    public record Dangling(String from, String to, long count, String policy) {
    }

    public long rows() {
        return tables.stream().mapToLong(TableRows::rows).sum();
    }
}
