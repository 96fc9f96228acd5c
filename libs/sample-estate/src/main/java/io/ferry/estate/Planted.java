package io.ferry.estate;

import java.util.List;

/**
 * One planted feature or problem of the PROD estate (see docs/sample-estate.md).
 *
 * @param kind what it is, e.g. {@code composite-primary-key}, {@code orphan}, {@code cert-check-violation}
 * @param store {@code ids}, {@code hcp1}, {@code hcp2}, {@code adb} or {@code sp}
 * @param table {@code schema.table} as written in SQL (quoted where needed), or a node label /
 *     relationship type for {@code sp}
 * @param columns the columns (properties; {@code column->'$.path'} for JSON) that carry it
 * @param keys the rows it concerns when they are few: {@code col=value} pairs joined by {@code ,};
 *     empty when the feature is on every row counted
 * @param district the district code the rows belong to, or null for a schema-wide feature
 * @param count rows (nodes, relationships) that carry it: {@code keys.size()} when keys are given,
 *     else the rows of the table whose listed columns are all non-null
 */
public record Planted(String kind, String store, String table, List<String> columns, List<String> keys, String district, long count) {
    public Planted {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
    }
}
