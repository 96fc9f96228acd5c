package io.ferry.planning.graph;

import io.ferry.planning.ClosureRules;
import io.ferry.planning.ClosureRules.CrossTenantPolicy;
import io.ferry.planning.ClosureRules.DanglingPolicy;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.spec.model.GraphClosure;
import io.ferry.spec.model.Ref;
import io.ferry.spec.model.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the graph closure of one store is, independent of how the spec spells it: the root label and
 * property, the relationship types followed, each label's key and links to relational rows, and the
 * policies for foreign and dangling nodes.
 *
 * @param labels every label of the store, by name
 * @param types  the followed relationship types the store has, with the label at each end when unique
 */
public record GraphRules(String store, List<Root> roots, List<String> follow, Map<String, LabelRule> labels,
        Map<String, Endpoints> types, CrossTenantPolicy crossTenant) {

    public GraphRules {
        roots = List.copyOf(roots);
        follow = List.copyOf(follow);
        labels = Map.copyOf(labels);
        types = Map.copyOf(types);
    }

    /** A root: nodes of {@code label} whose {@code link} names one of the tenant's rows. */
    public record Root(String label, Link link) {
    }

    /** A link from a label's properties to a relational table's key columns, with the spec's text of each side. */
    public record Link(String label, List<String> properties, TableId target, List<String> targetColumns,
            DanglingPolicy dangling, String fromText, String toText) {
        public Link {
            properties = List.copyOf(properties);
            targetColumns = List.copyOf(targetColumns);
        }
    }

    /** @param key the label's unique key properties; empty when nodes are identified by their ids */
    public record LabelRule(String label, List<String> key, List<Link> links) {
        public LabelRule {
            key = List.copyOf(key);
            links = List.copyOf(links);
        }
    }

    /** @param start the one label found at the start of the type, or null; likewise {@code end} */
    public record Endpoints(String start, String end) {
    }

    public Optional<Root> rootOf(GraphSource.Node node) {
        return roots.stream().filter(r -> node.labels().contains(r.label())).findFirst();
    }

    /** Every property the traversal reads: keys and linked properties. */
    public List<String> properties() {
        return labels.values().stream()
                .flatMap(l -> java.util.stream.Stream.concat(l.key().stream(),
                        l.links().stream().flatMap(k -> k.properties().stream())))
                .distinct().sorted().toList();
    }

    /**
     * The rules of each graph store that {@code closure.graph} names roots in.
     *
     * @param schema every store, graphs included, with the spec's references
     * @throws IllegalArgumentException when a root has no link to the tenant table
     */
    public static List<GraphRules> of(Spec spec, EstateSchema schema, ClosureRules relational) {
        GraphClosure graph = spec.closure() == null ? null : spec.closure().graph();
        if (graph == null) {
            return List.of();
        }
        DanglingPolicy defaultDangling = spec.closure().dangling() == null ? DanglingPolicy.FAIL
                : DanglingPolicy.valueOf(spec.closure().dangling().name());
        Map<String, List<Ref>> rootsByStore = new TreeMap<>();
        graph.roots().forEach(r -> rootsByStore.computeIfAbsent(r.table().store(), k -> new ArrayList<>()).add(r));
        List<GraphRules> out = new ArrayList<>();
        for (Map.Entry<String, List<Ref>> e : rootsByStore.entrySet()) {
            StoreSchema store = schema.store(e.getKey())
                    .orElseThrow(() -> new IllegalArgumentException("graph store " + e.getKey() + " not found"));
            Map<String, LabelRule> labels = new LinkedHashMap<>();
            for (Table t : store.tables()) {
                if (t.kind() == TableKind.LABEL) {
                    labels.put(t.id().name(), new LabelRule(t.id().name(), key(t), links(spec, t.id(), defaultDangling)));
                }
            }
            List<Root> roots = new ArrayList<>();
            for (Ref r : e.getValue()) {
                LabelRule label = labels.get(r.table().name());
                Link link = label == null ? null : label.links().stream()
                        .filter(l -> l.properties().equals(r.columns()) && l.target().equals(relational.tenant().table()))
                        .findFirst().orElse(null);
                if (link == null) {
                    throw new IllegalArgumentException("graph root " + r + " has no link to the tenant table "
                            + relational.tenant().table());
                }
                roots.add(new Root(r.table().name(), link));
            }
            Map<String, Endpoints> types = new LinkedHashMap<>();
            for (String type : graph.follow()) {
                TableId id = new TableId(store.store(), TableId.RELATIONSHIPS, type);
                if (store.tables().stream().anyMatch(t -> t.id().equals(id))) {
                    types.put(type, new Endpoints(end(store, id, ".start"), end(store, id, ".end")));
                }
            }
            CrossTenantPolicy crossTenant = spec.closure().crossTenant() == null ? CrossTenantPolicy.COPY
                    : CrossTenantPolicy.valueOf(spec.closure().crossTenant().name().toUpperCase(Locale.ROOT));
            out.add(new GraphRules(store.store(), roots, graph.follow(), labels, types, crossTenant));
        }
        return out;
    }

    /** The node-key constraint's properties, else the first uniqueness constraint's, else none. */
    private static List<String> key(Table t) {
        return t.primary().map(Key::columns)
                .or(() -> t.uniqueKeys().stream().findFirst().map(Key::columns))
                .orElse(List.of());
    }

    private static List<Link> links(Spec spec, TableId label, DanglingPolicy defaultDangling) {
        return spec.links().stream().filter(l -> l.from().table().equals(label) && l.from().jsonPath() == null)
                .map(l -> new Link(label.name(), l.from().columns(), l.to().table(), l.to().columns(),
                        l.dangling() == null ? defaultDangling : DanglingPolicy.valueOf(l.dangling().name()),
                        l.from().toString(), l.to().toString()))
                .toList();
    }

    private static String end(StoreSchema store, TableId type, String suffix) {
        List<Reference> ends = store.references().stream()
                .filter(r -> r.from().equals(type) && r.name().endsWith(suffix)).toList();
        return ends.size() == 1 ? ends.get(0).to().name() : null;
    }
}
