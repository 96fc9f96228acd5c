package io.ferry.planning.districts;

import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Closure;
import io.ferry.spec.model.EdgePolicy;
import io.ferry.spec.model.Ref;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.TableRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Each tenant-owned table's ownership path (DESIGN.md, Extraction): the references from the table up
 * to the tenant table, either the spec's {@code owner:} or the first downward path found breadth-first
 * from the tenant, as the closure engine finds it. A row's district is the tenant row at the path's end.
 */
public final class OwnershipPaths {

    private OwnershipPaths() {
    }

    /**
     * @return per owned table (the tenant table first, with an empty path) the references to follow,
     *         in breadth-first order; tables the closure never descends into are absent
     */
    public static Map<TableId, List<Reference>> of(EstateSchema schema, Spec spec) {
        Closure closure = spec.closure();
        Map<Ref, EdgePolicy> edges = closure == null ? Map.of() : closure.edges();
        Map<Ref, TableRule> tables = closure == null ? Map.of() : closure.tables();
        TableId tenant = spec.tenant().table();
        Map<TableId, List<Reference>> paths = new LinkedHashMap<>();
        if (schema.table(tenant).isEmpty()) {
            return paths;
        }
        paths.put(tenant, List.of());
        ArrayDeque<TableId> queue = new ArrayDeque<>(List.of(tenant));
        while (!queue.isEmpty()) {
            TableId parent = queue.poll();
            for (Reference r : schema.references()) {
                if (r.to().equals(parent) && !paths.containsKey(r.from()) && downward(schema, r, edges, tables)) {
                    List<Reference> path = new ArrayList<>();
                    path.add(r);
                    path.addAll(paths.get(parent));
                    paths.put(r.from(), List.copyOf(path));
                    queue.add(r.from());
                }
            }
        }
        tables.forEach((ref, rule) -> {
            if (!rule.owner().isEmpty() && schema.table(ref.table()).isPresent()) {
                paths.put(ref.table(), rule.owner().stream().map(o -> reference(schema, o)).toList());
            }
        });
        return paths;
    }

    /** The engine descends a reference that is followed (the default) between two default-mode tables. */
    private static boolean downward(EstateSchema schema, Reference r, Map<Ref, EdgePolicy> edges,
            Map<Ref, TableRule> tables) {
        EdgePolicy policy = edges.entrySet().stream().filter(e -> matches(e.getKey(), r)).map(Map.Entry::getValue)
                .findFirst().orElse(EdgePolicy.FOLLOW);
        return policy == EdgePolicy.FOLLOW && schema.table(r.from()).isPresent()
                && defaultMode(tables, r.from()) && defaultMode(tables, r.to());
    }

    private static boolean defaultMode(Map<Ref, TableRule> tables, TableId table) {
        return tables.entrySet().stream().noneMatch(e -> e.getKey().table().equals(table) && e.getValue().mode() != null);
    }

    private static boolean matches(Ref ref, Reference r) {
        return r.from().equals(ref.table()) && r.fromColumns().equals(ref.columns())
                && Objects.equals(r.jsonPath(), ref.jsonPath());
    }

    private static Reference reference(EstateSchema schema, Ref ref) {
        return schema.references().stream().filter(r -> matches(ref, r)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("owner path: no reference " + ref + " in the schema"));
    }
}
