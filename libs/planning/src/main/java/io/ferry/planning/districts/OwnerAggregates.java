package io.ferry.planning.districts;

import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * One grouped query per table and question, answered per district: the rows are grouped by their
 * owner along the ownership path. Where the path leaves the table's store, the rows are grouped by the
 * referencing columns and those values are mapped to districts in memory, with the referenced table's
 * (key, district) pairs read once from its own store and kept for the other tables that need them.
 */
final class OwnerAggregates {

    private static final String SEPARATOR = "\u001f";

    private final Map<TableId, List<Reference>> paths;
    private final List<String> tenantKey;
    private final StoreQueries queries;
    private final Map<List<Object>, Map<String, String>> owners = new HashMap<>();

    OwnerAggregates(Map<TableId, List<Reference>> paths, List<String> tenantKey, StoreQueries queries) {
        this.paths = paths;
        this.tenantKey = tenantKey;
        this.queries = queries;
    }

    /** Rows per district of an owned table, counting only rows passing {@code filter} (SQL, or null). */
    Map<String, Long> count(TableId table, String filter) {
        Map<String, Long> counts = new LinkedHashMap<>();
        aggregate(table, "count(*)", filter, (a, b) -> String.valueOf(Long.parseLong(a) + Long.parseLong(b)))
                .forEach((district, n) -> counts.put(district, Long.parseLong(n)));
        return counts;
    }

    /**
     * The per-district aggregate of an owned table: {@code aggregate} is an SQL aggregate over alias
     * {@code t0}; {@code merge} combines two groups' values that turn out to belong to one district.
     */
    Map<String, String> aggregate(TableId table, String aggregate, String filter, BinaryOperator<String> merge) {
        List<Reference> path = paths.get(table);
        if (path == null) {
            throw new IllegalArgumentException(table + " is not owned by a district (no ownership path)");
        }
        OwnerPathSql sql = new OwnerPathSql(table, path, tenantKey);
        Map<String, String> owner = sql.exit() == null ? null
                : owners(sql.exit().to(), sql.exit().toColumns(), sql.rest());
        Map<String, String> result = new LinkedHashMap<>();
        int width = sql.groupWidth();
        queries.query(table.store(), sql.aggregate(aggregate, filter), row -> {
            String key = join(row, 0, width);
            String district = owner == null ? district(row, 0, width) : owner.get(key);
            if (district != null && row[width] != null) {
                result.merge(district, row[width], merge);
            }
        });
        return result;
    }

    /**
     * (key, district) for the rows of an owned table, keyed by the values of {@code columns} as text
     * (joined by {@link #key} when there are several); null when the table has no ownership path. The
     * pairs are the ones cross-store paths use, read once and kept.
     */
    Map<String, String> keyOwners(TableId table, List<String> columns) {
        List<Reference> path = paths.get(table);
        return path == null ? null : owners(table, columns, path);
    }

    /** The key {@link #keyOwners} looks values up by: {@code row[from..from+width)} joined. */
    static String key(String[] row, int from, int width) {
        return join(row, from, width);
    }

    /** (key, district) for the rows of {@code table} by {@code columns}, owned along {@code path}. */
    private Map<String, String> owners(TableId table, List<String> columns, List<Reference> path) {
        List<Object> memoKey = List.of(table, columns, path);
        Map<String, String> known = owners.get(memoKey);
        if (known != null) {
            return known;
        }
        OwnerPathSql sql = new OwnerPathSql(table, path, tenantKey);
        Map<String, String> next = sql.exit() == null ? null
                : owners(sql.exit().to(), sql.exit().toColumns(), sql.rest());
        Map<String, String> map = new HashMap<>();
        int keyWidth = columns.size();
        int width = sql.groupWidth();
        queries.query(table.store(), sql.keyed(columns), row -> {
            String district = next == null ? district(row, keyWidth, width) : next.get(join(row, keyWidth, width));
            if (district != null) {
                map.put(join(row, 0, keyWidth), district);
            }
        });
        owners.put(memoKey, map);
        return map;
    }

    /** A district's id: the tenant key's value, or its values separated by commas for a composite key. */
    private static String district(String[] row, int from, int width) {
        return String.join(",", Arrays.asList(row).subList(from, from + width));
    }

    private static String join(String[] row, int from, int width) {
        return String.join(SEPARATOR, Arrays.asList(row).subList(from, from + width));
    }
}
