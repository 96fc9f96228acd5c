package io.ferry.spec.model;

import java.util.List;

/**
 * How the graph part of the closure is found: the district's root nodes, then the relationship types
 * traversed from them.
 *
 * @param roots  labelled properties linked to the tenant's rows, e.g. {@code sp:District(districtId)}
 * @param follow relationship types to traverse (both directions)
 */
public record GraphClosure(List<Ref> roots, List<String> follow) {

    public GraphClosure {
        roots = List.copyOf(roots);
        follow = List.copyOf(follow);
    }
}
