package io.ferry.planning.graph;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the relational side knows about the rows graph nodes link to ({@code sp:Person(personId) ->
 * ids.public.person(id)}): the relational closure decides ownership, so the graph traversal asks it
 * instead of guessing from graph properties. Values are the graph's, compared as text.
 */
public interface LinkedRows {

    /** Where a linked row stands. */
    enum State {
        /** In the relational closure and not one of its cross-tenant rows (or the link is not decided there). */
        OWNED,
        /** A cross-tenant row of the relational closure: the run copies it under {@code crossTenant: copy}. */
        FOREIGN,
        /** A PROD row outside the relational closure: the run never copies it, so a node linked to it would dangle. */
        OUTSIDE,
        /** No such row in PROD: the link dangles. */
        ABSENT
    }

    /** @param owner the owning district when known, else null */
    record Verdict(State state, String owner) {
        public static final Verdict OWNED = new Verdict(State.OWNED, null);
    }

    /** The values of {@code link}'s target columns in the district's tenant rows (the graph's roots). */
    List<List<Object>> tenantValues(GraphRules.Link link);

    /** A verdict for each tuple of {@code link}'s property values. */
    Map<List<Object>, Verdict> verdicts(GraphRules.Link link, Collection<List<Object>> values);

    /** The district (tenant key) of the tenant row that {@code link}'s values name, or null. */
    String district(GraphRules.Link link, List<Object> values);
}
