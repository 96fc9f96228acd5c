package io.ferry.schema.graph;

import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The estate's tables as nodes and its references (declared and the spec's) as edges from the
 * referencing table (child) to the referenced one (parent). Inside each store: strongly connected
 * components (Tarjan), their classification and breaks ({@link CycleClassifier}), and a load order
 * with parents first. Across stores: extraction waves, since a store found through cross-store links
 * waits for the key sets of the stores it points at. Cross-store references never join a cycle:
 * stores load one at a time, so they only order the stores. Everything is sorted by {@link TableId}
 * or store name, so the same schema always gives the same output.
 */
public final class DependencyGraph {

    private static final Comparator<Reference> REFERENCE_ORDER = Comparator.comparing(Reference::from)
            .thenComparing(Reference::to).thenComparing(r -> String.valueOf(r.name()))
            .thenComparing(r -> String.join(",", r.fromColumns()));

    private final EstateSchema schema;
    private final List<TableId> nodes;
    private final List<Reference> references;
    private final Map<String, List<LoadGroup>> loadOrder;
    private final List<StoreWave> waves;

    private DependencyGraph(EstateSchema schema, List<TableId> nodes, List<Reference> references,
            Map<String, List<LoadGroup>> loadOrder, List<StoreWave> waves) {
        this.schema = schema;
        this.nodes = nodes;
        this.references = references;
        this.loadOrder = loadOrder;
        this.waves = waves;
    }

    public static DependencyGraph of(EstateSchema schema) {
        Set<TableId> nodeSet = new TreeSet<>();
        schema.tables().forEach(t -> nodeSet.add(t.id()));
        List<Reference> references = schema.references().stream().sorted(REFERENCE_ORDER).toList();
        references.forEach(r -> {
            nodeSet.add(r.from());
            nodeSet.add(r.to());
        });
        List<TableId> nodes = List.copyOf(nodeSet);
        Map<String, List<TableId>> byStore = new TreeMap<>();
        nodes.forEach(n -> byStore.computeIfAbsent(n.store(), k -> new ArrayList<>()).add(n));
        schema.stores().forEach(s -> byStore.computeIfAbsent(s.store(), k -> new ArrayList<>()));
        Map<String, List<LoadGroup>> loadOrder = new LinkedHashMap<>();
        byStore.forEach((store, tables) -> loadOrder.put(store, storeOrder(tables,
                references.stream().filter(r -> !r.crossStore() && r.from().store().equals(store)).toList())));
        return new DependencyGraph(schema, nodes, references, loadOrder, waves(List.copyOf(byStore.keySet()), references));
    }

    private static List<LoadGroup> storeOrder(List<TableId> tables, List<Reference> references) {
        Map<TableId, Integer> index = new HashMap<>();
        tables.forEach(t -> index.put(t, index.size()));
        List<List<Integer>> successors = new ArrayList<>();
        tables.forEach(t -> successors.add(new ArrayList<>()));
        references.forEach(r -> successors.get(index.get(r.from())).add(index.get(r.to())));

        List<int[]> components = StronglyConnectedComponents.of(tables.size(), successors);
        int[] componentOf = new int[tables.size()];
        List<List<Reference>> inside = new ArrayList<>();
        for (int c = 0; c < components.size(); c++) {
            for (int i : components.get(c)) {
                componentOf[i] = c;
            }
            inside.add(new ArrayList<>());
        }
        for (Reference r : references) {
            int c = componentOf[index.get(r.from())];
            if (c == componentOf[index.get(r.to())]) {
                inside.get(c).add(r);
            }
        }
        Map<TableId, TableId> groupOf = new HashMap<>();
        Map<TableId, LoadGroup> groups = new TreeMap<>();
        for (int c = 0; c < components.size(); c++) {
            List<TableId> members = Arrays.stream(components.get(c)).mapToObj(tables::get).toList();
            TableId key = members.get(0);
            members.forEach(m -> groupOf.put(m, key));
            if (inside.get(c).isEmpty()) {
                groups.put(key, new LoadGroup(members, null));
            } else {
                CycleClassifier.Result result = CycleClassifier.classify(members, inside.get(c));
                groups.put(key, new LoadGroup(result.loadOrder(), result.cycle()));
            }
        }
        Map<TableId, List<TableId>> groupParents = new TreeMap<>();
        groups.keySet().forEach(k -> groupParents.put(k, new ArrayList<>()));
        references.forEach(r -> groupParents.get(groupOf.get(r.from())).add(groupOf.get(r.to())));
        return TopologicalOrder.parentsFirst(groupParents).stream().map(groups::get).toList();
    }

    private static List<StoreWave> waves(List<String> stores, List<Reference> references) {
        Map<String, Set<String>> referenced = new TreeMap<>();
        references.stream().filter(Reference::crossStore).forEach(r -> referenced.computeIfAbsent(r.from().store(),
                k -> new TreeSet<>()).add(r.to().store()));
        return StoreWaves.of(stores, referenced);
    }

    public EstateSchema schema() {
        return schema;
    }

    /** Every table, plus any table a reference names that introspection did not see; sorted. */
    public List<TableId> nodes() {
        return nodes;
    }

    /** Every reference (declared and the spec's), sorted by child, parent and name. */
    public List<Reference> references() {
        return references;
    }

    public List<Reference> crossStoreReferences() {
        return references.stream().filter(Reference::crossStore).toList();
    }

    /** The stores that have tables or references, sorted. */
    public List<String> stores() {
        return List.copyOf(loadOrder.keySet());
    }

    /** The store's tables, parents first; each cycle as one group. */
    public List<LoadGroup> loadOrder(String store) {
        return loadOrder.getOrDefault(store, List.of());
    }

    /** Every cyclic component (self-references included), by store, in load order. */
    public List<Cycle> cycles() {
        return loadOrder.values().stream().flatMap(List::stream).filter(LoadGroup::cyclic).map(LoadGroup::cycle).toList();
    }

    /** Stores in extraction waves: a store waits for every store it references. */
    public List<StoreWave> storeWaves() {
        return waves;
    }

    /** The stores that {@code store} references (and so waits for), sorted. */
    public List<String> waitsFor(String store) {
        return references.stream().filter(r -> r.crossStore() && r.from().store().equals(store))
                .map(r -> r.to().store()).distinct().sorted().toList();
    }

    /** The introspected table behind a node, if introspection saw it. */
    public Optional<Table> table(TableId id) {
        return schema.table(id);
    }
}
