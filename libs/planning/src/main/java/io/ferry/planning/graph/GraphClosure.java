package io.ferry.planning.graph;

import io.ferry.planning.ClosureRules.CrossTenantPolicy;
import io.ferry.planning.ClosureRules.DanglingPolicy;
import io.ferry.planning.Plan;
import io.ferry.planning.graph.GraphSource.Hop;
import io.ferry.planning.graph.GraphSource.Node;
import io.ferry.planning.graph.GraphSource.Rel;
import io.ferry.planning.graph.LinkedRows.State;
import io.ferry.planning.graph.LinkedRows.Verdict;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The graph closure of one district: breadth-first from the root nodes (the root label's nodes whose
 * linked property names the tenant's row) along the followed relationship types, in both directions, in
 * semi-naive rounds (each round expands only the nodes the previous one owned).
 *
 * <p>A relationship has no direction of ownership the way a foreign key has (GUARDIAN_OF and CONNECTED_TO
 * are junctions, PART_OF is a parent link), so ownership comes from the relational closure, through each
 * label's links: a newly reached node is
 * <ul>
 *   <li><b>foreign</b> when it carries the root label but is not a root, or one of its linked rows is a
 *       cross-tenant row of the relational closure or a PROD row outside it: reported with the path from
 *       a root, handled by {@code crossTenant} ({@code copy} and {@code fail} include it, {@code nullify}
 *       leaves it and its relationships out), and never expanded. A node linked to a PROD row outside the
 *       relational closure is always left out: the run does not copy that row, so the node's link would
 *       dangle in CERT;</li>
 *   <li><b>dangling</b> when a linked row does not exist in PROD: counted per link; {@code drop} leaves the
 *       node out, otherwise it is included and expanded like an owned node;</li>
 *   <li><b>owned</b> otherwise (also a node without links): included and expanded next round.</li>
 * </ul>
 * A relationship is in the closure when both its nodes are. The traversal never leaves the district's
 * component except for the one step into a foreign node.
 */
public final class GraphClosure {
    static final int CHUNK = 10_000;

    private final GraphRules rules;
    private final GraphSource source;
    private final LinkedRows linked;

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Hop> via = new HashMap<>();
    private final Set<String> excluded = new HashSet<>();
    private final Map<String, Rel> rels = new LinkedHashMap<>();
    private final List<Plan.CrossTenantRow> crossTenant = new ArrayList<>();
    private final List<Plan.CrossTenantRow> leftOut = new ArrayList<>();
    private final Map<GraphRules.Link, Long> dangling = new LinkedHashMap<>();
    /**
     * What a node's labels ask of it, per distinct list of labels: a district's graph has a handful of label lists and
     * some hundred thousand nodes, each of which ownership looks at twice.
     */
    private final Map<List<String>, LabelChecks> checks = new HashMap<>();
    /** Nanoseconds spent reading hops, reading the reached nodes, and deciding their ownership. */
    private long hopsNanos;
    private long nodesNanos;
    private long ownershipNanos;
    private int rounds;

    public GraphClosure(GraphRules rules, GraphSource source, LinkedRows linked) {
        this.rules = rules;
        this.source = source;
        this.linked = linked;
    }

    public GraphPlan run() {
        List<String> frontier = new ArrayList<>();
        for (GraphRules.Root root : rules.roots()) {
            List<Object> values = linked.tenantValues(root.link()).stream().map(v -> v.get(0)).toList();
            for (Node n : source.nodes(root.label(), root.link().properties().get(0), values)) {
                if (nodes.putIfAbsent(n.id(), n) == null) {
                    frontier.add(n.id());
                }
            }
        }
        while (!frontier.isEmpty()) {
            rounds++;
            Map<String, Hop> reached = new LinkedHashMap<>();
            List<Rel> seen = new ArrayList<>();
            long started = System.nanoTime();
            for (int from = 0; from < frontier.size(); from += CHUNK) {
                source.expand(frontier.subList(from, Math.min(frontier.size(), from + CHUNK)), rules.types().keySet(),
                        hop -> {
                            seen.add(hop.rel());
                            String other = hop.otherId();
                            if (!nodes.containsKey(other) && !excluded.contains(other)) {
                                reached.putIfAbsent(other, hop);
                            }
                        });
            }
            long hopsRead = System.nanoTime();
            Map<String, Node> fetched = fetch(reached.keySet());
            long nodesRead = System.nanoTime();
            frontier = classify(reached, fetched);
            hopsNanos += hopsRead - started;
            nodesNanos += nodesRead - hopsRead;
            ownershipNanos += System.nanoTime() - nodesRead;
            for (Rel r : seen) {
                if (nodes.containsKey(r.startId()) && nodes.containsKey(r.endId())) {
                    rels.putIfAbsent(r.id(), r);
                }
            }
        }
        List<Plan.Dangling> danglingOut = dangling.entrySet().stream()
                .map(e -> new Plan.Dangling(e.getKey().fromText(), e.getKey().toText(), e.getValue(), e.getKey().dangling().name().toLowerCase(java.util.Locale.ROOT)))
                .toList();
        return new GraphPlan(rules, nodes, rels.values(), crossTenant, leftOut, danglingOut, rounds);
    }

    /**
     * Where {@link #run} spent its time, for log lines: {@code in 4 rounds (hops 2.5 s, nodes 0.8 s, ownership 1.6 s)}
     * (the frontier's relationships read, the newly reached nodes read, their links decided against the relational
     * closure and PROD).
     */
    public String timing() {
        return String.format(java.util.Locale.ROOT, "in %d rounds (hops %.1f s, nodes %.1f s, ownership %.1f s)", rounds,
                hopsNanos / 1e9, nodesNanos / 1e9, ownershipNanos / 1e9);
    }

    /** The newly reached nodes' labels and properties, by id, read in chunks. */
    private Map<String, Node> fetch(Collection<String> ids) {
        List<String> list = new ArrayList<>(ids);
        Map<String, Node> found = new HashMap<>();
        for (int from = 0; from < list.size(); from += CHUNK) {
            source.nodes(list.subList(from, Math.min(list.size(), from + CHUNK))).forEach(n -> found.put(n.id(), n));
        }
        return found;
    }

    /** Decides each newly reached node; returns the ids to expand next round. */
    private List<String> classify(Map<String, Hop> reached, Map<String, Node> fetched) {
        Map<GraphRules.Link, Map<List<Object>, Verdict>> verdicts = verdicts(fetched.values());
        List<String> next = new ArrayList<>();
        for (Hop hop : reached.values()) {
            Node n = fetched.get(hop.otherId());
            if (n == null) { // the read transaction saw its relationship, not the node: nothing to copy
                continue;
            }
            Verdict foreign = null;
            GraphRules.Link absent = null;
            var root = checks(n).root();
            if (root.isPresent()) {
                List<Object> values = values(n, root.get().link());
                foreign = new Verdict(State.FOREIGN, values == null ? null : linked.district(root.get().link(), values));
            }
            for (GraphRules.Link link : links(n)) {
                List<Object> values = values(n, link);
                Verdict v = values == null ? Verdict.OWNED : verdicts.get(link).get(values);
                if (v.state() == State.OUTSIDE || v.state() == State.FOREIGN && foreign == null) {
                    foreign = foreign != null && foreign.state() == State.OUTSIDE ? foreign : v;
                } else if (v.state() == State.ABSENT && absent == null) {
                    absent = link;
                }
            }
            if (foreign != null) {
                via.put(n.id(), hop);
                String owner = foreign.owner() != null ? foreign.owner() : ownerInGraph(n);
                Plan.CrossTenantRow row = new Plan.CrossTenantRow(rules.store(), GraphPlan.tableText(true, label(n)),
                        key(n), owner, path(n));
                crossTenant.add(row);
                // a node whose row stays in PROD would hold a reference CERT cannot resolve: never copied
                if (!include(n, hop, foreign.state() != State.OUTSIDE && rules.crossTenant() != CrossTenantPolicy.NULLIFY)) {
                    leftOut.add(row);
                }
            } else if (absent != null) {
                dangling.merge(absent, 1L, Long::sum);
                if (include(n, hop, absent.dangling() != DanglingPolicy.DROP)) {
                    next.add(n.id());
                }
            } else if (include(n, hop, true)) {
                next.add(n.id());
            }
        }
        return next;
    }

    private boolean include(Node n, Hop hop, boolean include) {
        if (include) {
            nodes.put(n.id(), n);
            via.put(n.id(), hop);
        } else {
            excluded.add(n.id());
        }
        return include;
    }

    /** One question per link for all nodes of the round. */
    private Map<GraphRules.Link, Map<List<Object>, Verdict>> verdicts(Collection<Node> reached) {
        Map<GraphRules.Link, Set<List<Object>>> asked = new LinkedHashMap<>();
        for (Node n : reached) {
            for (GraphRules.Link link : links(n)) {
                List<Object> values = values(n, link);
                if (values != null) {
                    asked.computeIfAbsent(link, k -> new HashSet<>()).add(values);
                }
            }
        }
        Map<GraphRules.Link, Map<List<Object>, Verdict>> out = new HashMap<>();
        asked.forEach((link, values) -> out.put(link, linked.verdicts(link, values)));
        return out;
    }

    /** The links of a node's labels, and the root rule its labels match, if any. */
    private record LabelChecks(List<GraphRules.Link> links, Optional<GraphRules.Root> root) {
    }

    private LabelChecks checks(Node n) {
        return checks.computeIfAbsent(n.labels(), labels -> new LabelChecks(labels.stream().map(rules.labels()::get)
                .filter(java.util.Objects::nonNull).flatMap(l -> l.links().stream()).toList(), rules.rootOf(n)));
    }

    private List<GraphRules.Link> links(Node n) {
        return checks(n).links();
    }

    /** The node's values of the link's properties, or null when one is missing. */
    private static List<Object> values(Node n, GraphRules.Link link) {
        List<Object> values = new ArrayList<>();
        for (String p : link.properties()) {
            Object v = n.properties().get(p);
            if (v == null) {
                return null;
            }
            values.add(v);
        }
        return values;
    }

    private String ownerInGraph(Node n) {
        for (GraphRules.Root root : rules.roots()) {
            var owner = source.nearest(n.id(), rules.types().keySet(), root.label())
                    .map(r -> values(r, root.link()))
                    .map(values -> linked.district(root.link(), values));
            if (owner.isPresent()) {
                return owner.get();
            }
        }
        return "unknown";
    }

    /** The label a node is reported under: the first of its labels the store's schema knows. */
    String label(Node n) {
        return n.labels().stream().filter(rules.labels()::containsKey).sorted().findFirst()
                .orElse(n.labels().isEmpty() ? "" : n.labels().get(0));
    }

    private String key(Node n) {
        return GraphPlan.describe(rules, label(n), n);
    }

    /** {@code sp.label.District[districtId=1]}, then {@code <-[:PART_OF]- sp.label.School[schoolId=3]}, ... */
    private List<String> path(Node n) {
        Deque<String> steps = new ArrayDeque<>();
        Node current = n;
        for (int hops = 0; hops < 1_000_000; hops++) {
            String text = rules.store() + "." + GraphPlan.tableText(true, label(current)) + "[" + key(current) + "]";
            Hop hop = via.get(current.id());
            if (hop == null) {
                steps.addFirst(text);
                break;
            }
            boolean outgoing = hop.rel().startId().equals(hop.fromId());
            steps.addFirst((outgoing ? "-[:" : "<-[:") + hop.rel().type() + (outgoing ? "]-> " : "]- ") + text);
            current = nodes.get(hop.fromId());
        }
        return List.copyOf(steps);
    }
}
