package io.ferry.spec.model;

import java.util.Map;

/**
 * Overrides of the default closure rule (DESIGN.md, Extraction).
 *
 * @param edges  per reference, named by its referencing side ({@code hcp2.public.submission(grader_id)})
 * @param tables per table
 * @param graph  null when the estate has no graph
 */
public record Closure(Map<Ref, EdgePolicy> edges, Map<Ref, TableRule> tables, CrossTenantPolicy crossTenant,
        DanglingPolicy dangling, GraphClosure graph) {

    public Closure {
        edges = Maps.ordered(edges);
        tables = Maps.ordered(tables);
    }
}
