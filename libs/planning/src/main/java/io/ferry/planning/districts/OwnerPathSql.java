package io.ferry.planning.districts;

import io.ferry.planning.Projection;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL that names each row's owner inside one store: the table joined along its ownership path as
 * far as the path stays in the table's store. The group key is then either the tenant key (the path
 * ends at the tenant table) or the referencing columns of the first cross-store reference, whose
 * values the caller maps to districts with the referenced store's own (key, district) pairs.
 */
final class OwnerPathSql {

    private final TableId table;
    private final StringBuilder joins = new StringBuilder();
    private final List<String> groupKey = new ArrayList<>();
    private final Reference exit;
    private final List<Reference> rest;

    /**
     * @param path      the table's ownership path
     * @param tenantKey the tenant table's key columns
     */
    OwnerPathSql(TableId table, List<Reference> path, List<String> tenantKey) {
        this.table = table;
        int alias = 0;
        int hop = 0;
        for (; hop < path.size() && !path.get(hop).crossStore(); hop++) {
            Reference r = path.get(hop);
            joins.append(" JOIN ").append(r.to().qualified()).append(" t").append(alias + 1).append(" ON ");
            for (int c = 0; c < r.fromColumns().size(); c++) {
                joins.append(c == 0 ? "" : " AND ").append(referencing(r, c, "t" + alias)).append(" = ")
                        .append(referenced(r, c, "t" + (alias + 1)));
            }
            alias++;
        }
        String last = "t" + alias;
        if (hop < path.size()) {
            exit = path.get(hop);
            rest = List.copyOf(path.subList(hop + 1, path.size()));
            for (int c = 0; c < exit.fromColumns().size(); c++) {
                groupKey.add(referencing(exit, c, last));
            }
        } else {
            exit = null;
            rest = List.of();
            tenantKey.forEach(k -> groupKey.add(last + "." + TableId.quote(k)));
        }
    }

    /** The cross-store reference whose values still need mapping to districts, or null. */
    Reference exit() {
        return exit;
    }

    /** The ownership path after {@link #exit()}: how the referenced table's rows reach the tenant. */
    List<Reference> rest() {
        return rest;
    }

    int groupWidth() {
        return groupKey.size();
    }

    /**
     * {@code SELECT <group key>, <aggregate> ... GROUP BY <group key>}: one row per owner (or per
     * referenced key); {@code filter} (over the table's own columns, or null) limits the rows counted.
     */
    String aggregate(String aggregate, String filter) {
        StringBuilder group = new StringBuilder();
        for (int i = 1; i <= groupKey.size(); i++) {
            group.append(i == 1 ? "" : ", ").append(i);
        }
        return "SELECT " + String.join(", ", groupKey) + ", " + aggregate + from(filter) + " GROUP BY " + group;
    }

    /** {@code SELECT DISTINCT <columns of the table>, <group key>}: how the table's keys map to owners. */
    String keyed(List<String> columns) {
        List<String> select = new ArrayList<>(columns.stream().map(c -> "t0." + TableId.quote(c)).toList());
        select.addAll(groupKey);
        return "SELECT DISTINCT " + String.join(", ", select) + from(null);
    }

    private String from(String filter) {
        String source = filter == null ? table.qualified()
                : "(SELECT * FROM " + table.qualified() + " WHERE " + filter + ")";
        return " FROM " + source + " t0" + joins + " WHERE "
                + String.join(" AND ", groupKey.stream().map(g -> g + " IS NOT NULL").toList());
    }

    /** A referencing value as text when it sits inside JSON, so it compares with the key cast to text. */
    private static String referencing(Reference r, int column, String alias) {
        String col = alias + "." + TableId.quote(r.fromColumns().get(column));
        if (r.jsonPath() == null) {
            return col;
        }
        return "(" + col + " #>> '{" + String.join(",", new Projection(r.fromColumns().get(0), r.jsonPath()).pathKeys())
                .replace("'", "''") + "}')";
    }

    private static String referenced(Reference r, int column, String alias) {
        return alias + "." + TableId.quote(r.toColumns().get(column)) + (r.jsonPath() == null ? "" : "::text");
    }
}
