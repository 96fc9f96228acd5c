package io.ferry.planning.graph;

import io.ferry.planning.ClosureRules.CrossTenantPolicy;
import io.ferry.planning.KeysWriter;
import io.ferry.planning.Plan;
import io.ferry.planning.Tuple;
import io.ferry.planning.graph.GraphSource.Node;
import io.ferry.planning.graph.GraphSource.Rel;
import io.ferry.schema.model.TableId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A computed graph closure: nodes per label and relationships per type (the batches, like tables), the
 * foreign nodes and dangling links. A node is identified by its label's unique key, else its id in the
 * store ({@code <element>}, see {@link GraphIds}); a relationship by its start and end nodes' keys ({@code from.personId},
 * {@code to.personId}, as {@code planted.json} writes them), plus its id where one type has two
 * relationships between the same nodes.
 */
public final class GraphPlan {
    /** The pseudo-column of node and relationship ids (as {@code Neo4jIntrospector} names it). */
    public static final String ELEMENT = "<element>";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final GraphRules rules;
    private final Map<String, Node> nodes;
    private final List<Rel> rels;
    private final List<Plan.CrossTenantRow> crossTenant;
    private final List<Plan.CrossTenantRow> leftOut;
    private final List<Plan.Dangling> dangling;
    private final int rounds;
    /** Per label of the store, its nodes' keys by id; per type, its relationships: grouped once, not per table. */
    private final Map<String, Map<String, Tuple>> nodeKeys = new HashMap<>();
    private final Map<String, List<Rel>> relsByType = new HashMap<>();
    /** Per label or type, its members sorted by key: built once, as keys, ids and counts all read it. */
    private final Map<TableId, Members> members = new ConcurrentHashMap<>();

    /**
     * One label's nodes or one type's relationships, sorted by key; {@code keys}, {@code ids} and, for a type,
     * {@code rels} align.
     */
    private record Members(List<Tuple> keys, List<String> ids, List<Rel> rels, boolean twins) {
    }

    GraphPlan(GraphRules rules, Map<String, Node> nodes, Collection<Rel> rels, List<Plan.CrossTenantRow> crossTenant,
            List<Plan.CrossTenantRow> leftOut, List<Plan.Dangling> dangling, int rounds) {
        this.rules = rules;
        // not Map.copyOf: its linear probing degrades to scans on ids, whose hash codes run in sequence
        this.nodes = Collections.unmodifiableMap(new HashMap<>(nodes));
        this.rels = List.copyOf(rels);
        this.crossTenant = List.copyOf(crossTenant);
        this.leftOut = List.copyOf(leftOut);
        this.dangling = List.copyOf(dangling);
        this.rounds = rounds;
        for (Node n : this.nodes.values()) {
            for (String label : n.labels()) {
                if (rules.labels().containsKey(label)) {
                    nodeKeys.computeIfAbsent(label, l -> new HashMap<>()).put(n.id(), nodeKey(label, n));
                }
            }
        }
        for (Rel r : this.rels) {
            relsByType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r);
        }
    }

    public String store() {
        return rules.store();
    }

    public int rounds() {
        return rounds;
    }

    public List<Plan.CrossTenantRow> crossTenant() {
        return crossTenant;
    }

    /**
     * The foreign nodes of {@link #crossTenant} the plan does not copy, whatever the policy: those {@code nullify}
     * leaves out, and those whose linked row stays in PROD.
     */
    public List<Plan.CrossTenantRow> leftOut() {
        return leftOut;
    }

    public List<Plan.Dangling> dangling() {
        return dangling;
    }

    /** Every label of the store, then the followed relationship types, sorted: also the load order. */
    public List<TableId> tables() {
        return Stream.concat(
                rules.labels().keySet().stream().sorted().map(l -> new TableId(store(), TableId.LABELS, l)),
                rules.types().keySet().stream().sorted().map(t -> new TableId(store(), TableId.RELATIONSHIPS, t)))
                .toList();
    }

    public List<String> keyColumns(TableId table) {
        if (table.schema().equals(TableId.LABELS)) {
            List<String> key = rules.labels().get(table.name()).key();
            return key.isEmpty() ? List.of(ELEMENT) : key;
        }
        GraphRules.Endpoints ends = rules.types().get(table.name());
        List<String> columns = new ArrayList<>();
        endColumns("from.", ends.start()).forEach(columns::add);
        endColumns("to.", ends.end()).forEach(columns::add);
        if (members(table).twins()) {
            columns.add(ELEMENT);
        }
        return columns;
    }

    /** The sorted keys of {@code table}'s nodes or relationships in the closure. */
    public List<Tuple> keys(TableId table) {
        return members(table).keys();
    }

    /**
     * The ids ({@link GraphIds}) of {@code table}'s nodes or relationships in the closure, in the order of
     * {@link #keys}: what the extractor reads, in the same read transaction's view of the graph.
     */
    public List<String> ids(TableId table) {
        return members(table).ids();
    }

    /**
     * The relationships of {@code type} in the closure, in the order of {@link #keys}: their ends' ids let a reader
     * check that a relationship still joins the nodes it joined when planned without reading those nodes' keys.
     */
    public List<Rel> relationships(TableId type) {
        return members(type).rels();
    }

    private Members members(TableId table) {
        return members.computeIfAbsent(table, this::sortMembers);
    }

    private Members sortMembers(TableId table) {
        record Member(Tuple key, String id, Rel rel) {
        }
        boolean label = table.schema().equals(TableId.LABELS);
        Map<String, Tuple> labelled = label ? nodeKeys.getOrDefault(table.name(), Map.of()) : Map.of();
        List<Rel> typed = label ? List.of() : relsByType.getOrDefault(table.name(), List.of());
        List<Member> list = new ArrayList<>(label ? labelled.size() : typed.size());
        boolean twins = false;
        if (label) {
            labelled.forEach((id, key) -> list.add(new Member(key, id, null)));
        } else {
            Set<Tuple> ends = HashSet.newHashSet(typed.size());
            for (Rel r : typed) {
                Tuple key = relKey(r);
                twins |= !ends.add(key);
                list.add(new Member(key, r.id(), r));
            }
            if (twins) { // two relationships of the type between the same nodes: the id tells them apart
                list.replaceAll(m -> new Member(withElement(m.key(), m.id()), m.id(), m.rel()));
            }
        }
        list.sort((a, b) -> a.key().compareTo(b.key()));
        Tuple[] keys = new Tuple[list.size()];
        String[] ids = new String[list.size()];
        Rel[] rels = new Rel[label ? 0 : list.size()];
        for (int i = 0; i < keys.length; i++) {
            Member m = list.get(i);
            keys[i] = m.key();
            ids[i] = m.id();
            if (!label) {
                rels[i] = m.rel();
            }
        }
        return new Members(List.of(keys), List.of(ids), List.of(rels), twins);
    }

    /** The relational plan with this store's labels and types, foreign nodes, dangling links and load order added. */
    public Plan addTo(Plan plan) {
        // Each table sorted once, two at a time where the cores allow: the graph store's extraction waits for this
        tables().parallelStream().forEach(this::members);
        List<Plan.TableRows> tables = new ArrayList<>(plan.tables());
        List<String> order = new ArrayList<>(plan.loadOrder());
        for (TableId t : tables()) {
            boolean label = t.schema().equals(TableId.LABELS);
            String text = tableText(label, t.name());
            tables.add(new Plan.TableRows(store(), t.schema(), t.name(), text, label ? "label" : "relationship",
                    members(t).ids().size()));
            order.add(store() + "." + text);
        }
        List<Plan.CrossTenantRow> foreign = new ArrayList<>(plan.crossTenant());
        foreign.addAll(crossTenant);
        List<Plan.Dangling> danglingOut = new ArrayList<>(plan.dangling());
        danglingOut.addAll(dangling);
        return new Plan(plan.district(), tables, foreign, danglingOut, order);
    }

    /** Why a run of this plan must fail: dangling links or foreign nodes under policy {@code fail}. */
    public List<String> failures() {
        List<String> reasons = new ArrayList<>(dangling.stream().filter(d -> d.policy().equals("fail"))
                .map(d -> d.count() + " dangling reference(s) " + d.from() + " -> " + d.to()).toList());
        if (rules.crossTenant() == CrossTenantPolicy.FAIL) {
            crossTenant.forEach(c -> reasons.add("cross-tenant node " + c.store() + "." + c.table() + " owned by " + c.owner()));
        }
        return reasons;
    }

    /** {@code --keys-out}: {@code DIR/{store}/label.Person.csv} and {@code DIR/{store}/relationship.TYPE.csv}. */
    public void writeKeys(Path dir) {
        for (TableId t : tables()) {
            Path file = KeysWriter.file(dir, t);
            try {
                Files.createDirectories(file.getParent());
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    w.write(KeysWriter.line(keyColumns(t).toArray()));
                    for (Tuple k : keys(t)) {
                        w.write(KeysWriter.line(k.values()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the keys of " + t, e);
            }
        }
    }

    /** {@code label.Person} or {@code relationship.TYPE}, the name backtick-quoted only when unusual. */
    static String tableText(boolean label, String name) {
        return (label ? TableId.LABELS : TableId.RELATIONSHIPS) + "."
                + (PLAIN.matcher(name).matches() ? name : "`" + name.replace("`", "``") + "`");
    }

    /** A node's key under {@code label} as {@code prop=value,...}. */
    static String describe(GraphRules rules, String label, Node n) {
        GraphRules.LabelRule rule = rules.labels().get(label);
        List<String> key = rule == null || rule.key().isEmpty() ? List.of(ELEMENT) : rule.key();
        return nodeKey(rules, label, n).describe(key);
    }

    private Tuple nodeKey(String label, Node n) {
        return nodeKey(rules, label, n);
    }

    private static Tuple nodeKey(GraphRules rules, String label, Node n) {
        GraphRules.LabelRule rule = rules.labels().get(label);
        if (rule == null || rule.key().isEmpty()) {
            return Tuple.of(n.id());
        }
        return Tuple.of(rule.key().stream().map(n.properties()::get).toList());
    }

    private Stream<String> endColumns(String prefix, String label) {
        GraphRules.LabelRule rule = label == null ? null : rules.labels().get(label);
        List<String> key = rule == null || rule.key().isEmpty() ? List.of(ELEMENT) : rule.key();
        return key.stream().map(k -> prefix + k);
    }

    private Object[] endKey(String nodeId, String label) {
        GraphRules.LabelRule rule = label == null ? null : rules.labels().get(label);
        if (rule == null || rule.key().isEmpty()) {
            return new Object[] {nodeId};
        }
        Tuple known = nodeKeys.getOrDefault(label, Map.of()).get(nodeId);
        // an end node without the type's label still has the label's key properties, or nulls
        return (known != null ? known : nodeKey(label, nodes.get(nodeId))).values();
    }

    /** A relationship's start and end nodes' keys. */
    private Tuple relKey(Rel r) {
        GraphRules.Endpoints ends = rules.types().get(r.type());
        Object[] start = endKey(r.startId(), ends.start());
        Object[] end = endKey(r.endId(), ends.end());
        Object[] values = Arrays.copyOf(start, start.length + end.length);
        System.arraycopy(end, 0, values, start.length, end.length);
        return new Tuple(values);
    }

    private static Tuple withElement(Tuple key, String id) {
        List<Object> values = new ArrayList<>(List.of(key.values()));
        values.add(id);
        return Tuple.of(values);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GraphPlan[%s: %d nodes, %d relationships]", store(), nodes.size(), rels.size());
    }
}
