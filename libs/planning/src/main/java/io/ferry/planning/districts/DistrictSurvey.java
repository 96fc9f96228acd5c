package io.ferry.planning.districts;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Link;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sizes every district from grouped queries instead of a closure per district: one count per owned
 * table along its ownership path, one count per headcount, and one latest timestamp for each of the
 * largest owned tables with activity columns, and one count per linked graph label. The counts leave
 * out rows the closure pulls in upward (shared parents, cross-tenant rows), so they estimate the closure
 * rather than reproduce it.
 */
public final class DistrictSurvey {

    /** Timestamp columns that say when something happened: {@code created_at}, {@code occurred_on}, ... */
    private static final Pattern ACTIVITY = Pattern.compile("(.*_at|.*_time|occurred.*|last_.*)");
    private static final String ISO_UTC = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

    private final EstateSchema schema;
    private final Map<TableId, List<Reference>> paths;
    private final OwnerAggregates aggregates;
    private final List<Link> graphLabels;
    private final GraphQueries graph;

    /**
     * A survey of the relational stores only.
     *
     * @param schema    the introspected relational stores
     * @param paths     the ownership paths ({@link OwnershipPaths#of})
     * @param tenantKey the tenant table's key columns
     */
    public DistrictSurvey(EstateSchema schema, Map<TableId, List<Reference>> paths, List<String> tenantKey,
            StoreQueries queries) {
        this(schema, paths, tenantKey, queries, List.of(), (store, label, properties, row) -> { });
    }

    /**
     * A survey of the relational stores and of the graph stores that {@code links} reach from.
     *
     * @param links the spec's links; those from a graph label's properties to an owned table decide
     *              which district each node of the label belongs to (the first such link per label)
     */
    public DistrictSurvey(EstateSchema schema, Map<TableId, List<Reference>> paths, List<String> tenantKey,
            StoreQueries queries, List<Link> links, GraphQueries graph) {
        this.schema = schema;
        this.paths = paths;
        this.aggregates = new OwnerAggregates(paths, tenantKey, queries);
        this.graphLabels = labelLinks(links, paths);
        this.graph = graph;
    }

    /** Per graph label, its first link to an owned table's columns, in the spec's order. */
    private static List<Link> labelLinks(List<Link> links, Map<TableId, List<Reference>> paths) {
        Map<TableId, Link> byLabel = new LinkedHashMap<>();
        for (Link l : links) {
            if (l.from().table().schema().equals(TableId.LABELS) && l.from().jsonPath() == null
                    && !l.from().columns().isEmpty() && l.from().columns().size() == l.to().columns().size()
                    && paths.containsKey(l.to().table())) {
                byLabel.putIfAbsent(l.from().table(), l);
            }
        }
        return List.copyOf(byLabel.values());
    }

    /**
     * @param headcounts     what counts as students, staff and schools (absent kinds stay null)
     * @param activityTables how many of the largest tables with activity columns to read the latest time from
     */
    public List<DistrictFootprint> survey(List<Headcount> headcounts, int activityTables) {
        Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
        Map<String, Map<String, Long>> bytes = new LinkedHashMap<>();
        for (TableId id : paths.keySet()) {
            Table table = schema.table(id).orElseThrow();
            Map<String, Long> counts = aggregates.count(id, null);
            long owned = counts.values().stream().mapToLong(Long::longValue).sum();
            long total = Math.max(owned, table.rowEstimate());
            counts.forEach((district, n) -> {
                rows.computeIfAbsent(district, d -> stores()).merge(id.store(), n, Long::sum);
                long share = table.bytes() <= 0 || total == 0 ? 0 : Math.round((double) table.bytes() * n / total);
                bytes.computeIfAbsent(district, d -> stores()).merge(id.store(), share, Long::sum);
            });
        }
        countNodes(rows, bytes);
        Map<Headcount.Kind, Map<String, Long>> heads = new EnumMap<>(Headcount.Kind.class);
        for (Headcount h : headcounts) {
            heads.put(h.kind(), aggregates.count(h.table(), h.filter()));
        }
        Map<String, String> activity = lastActivity(activityTables);
        List<DistrictFootprint> result = new ArrayList<>();
        rows.forEach((district, perStore) -> result.add(new DistrictFootprint(district, perStore, bytes.get(district),
                head(heads, Headcount.Kind.STUDENTS, district), head(heads, Headcount.Kind.STAFF, district),
                head(heads, Headcount.Kind.SCHOOLS, district), activity.get(district))));
        return result;
    }

    /**
     * Nodes per district of each linked label: one grouped count per label by its linked properties,
     * each value mapped to a district with the linked table's (key, district) pairs. Nodes whose value
     * is missing or names no owned row count for nobody. Bytes stay 0: Neo4j tells no size per label.
     */
    private void countNodes(Map<String, Map<String, Long>> rows, Map<String, Map<String, Long>> bytes) {
        for (Link link : graphLabels) {
            TableId label = link.from().table();
            Map<String, String> owner = aggregates.keyOwners(link.to().table(), link.to().columns());
            int width = link.from().columns().size();
            graph.countNodes(label.store(), label.name(), link.from().columns(), row -> {
                if (row[width] == null || Arrays.asList(row).subList(0, width).contains(null)) {
                    return;
                }
                String district = owner.get(OwnerAggregates.key(row, 0, width));
                if (district != null) {
                    rows.computeIfAbsent(district, d -> stores()).merge(label.store(), Long.parseLong(row[width]),
                            Long::sum);
                    bytes.computeIfAbsent(district, d -> stores());
                }
            });
        }
    }

    /** Every relational store, then every surveyed graph store, at 0, so each district lists the same stores. */
    private Map<String, Long> stores() {
        Map<String, Long> m = new LinkedHashMap<>();
        schema.stores().forEach(s -> m.put(s.store(), 0L));
        graphLabels.forEach(l -> m.put(l.from().table().store(), 0L));
        return m;
    }

    private static Long head(Map<Headcount.Kind, Map<String, Long>> heads, Headcount.Kind kind, String district) {
        Map<String, Long> counts = heads.get(kind);
        return counts == null ? null : counts.getOrDefault(district, 0L);
    }

    /** The latest activity time per district, from the largest owned tables that have activity columns. */
    private Map<String, String> lastActivity(int tables) {
        Map<String, String> latest = new LinkedHashMap<>();
        paths.keySet().stream().map(id -> schema.table(id).orElseThrow())
                .filter(t -> !activityColumns(t).isEmpty())
                .sorted(Comparator.comparingLong(Table::bytes).reversed().thenComparing(Table::id))
                .limit(tables)
                .forEach(t -> {
                    String greatest = "greatest(" + String.join(", ", activityColumns(t).stream()
                            .map(c -> "t0." + TableId.quote(c) + "::timestamptz").toList()) + ")";
                    String aggregate = "to_char(max(" + greatest + ") AT TIME ZONE 'UTC', " + ISO_UTC + ")";
                    aggregates.aggregate(t.id(), aggregate, null, DistrictSurvey::later)
                            .forEach((district, time) -> latest.merge(district, time, DistrictSurvey::later));
                });
        return latest;
    }

    static List<String> activityColumns(Table table) {
        return table.columns().stream()
                .filter(c -> c.type().startsWith("timestamp") && ACTIVITY.matcher(c.name()).matches())
                .map(Column::name).toList();
    }

    /** ISO-8601 UTC times of one fixed width order as text. */
    private static String later(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
