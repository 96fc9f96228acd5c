package io.ferry.schema.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extraction waves of stores from their cross-store references alone: a store waits for the stores it references
 * (wave = one more than the highest wave it references); stores referencing each other share a wave. Used by
 * {@link DependencyGraph} over introspected references and by the coordinator over the spec's links.
 */
public final class StoreWaves {

    private StoreWaves() {
    }

    /**
     * @param stores     every store
     * @param referenced per store, the other stores it references
     */
    public static List<StoreWave> of(List<String> stores, Map<String, ? extends Collection<String>> referenced) {
        List<List<Integer>> successors = new ArrayList<>();
        stores.forEach(s -> successors.add(new ArrayList<>()));
        referenced.forEach((from, tos) -> tos.forEach(to -> successors.get(index(stores, from)).add(index(stores, to))));
        int[] componentOf = new int[stores.size()];
        List<int[]> components = StronglyConnectedComponents.of(stores.size(), successors);
        for (int c = 0; c < components.size(); c++) {
            for (int s : components.get(c)) {
                componentOf[s] = c;
            }
        }
        // Tarjan emits a component after every component it reaches: its waves are known by then.
        int[] wave = new int[components.size()];
        for (int c = 0; c < components.size(); c++) {
            for (int s : components.get(c)) {
                for (int t : successors.get(s)) {
                    if (componentOf[t] != c) {
                        wave[c] = Math.max(wave[c], wave[componentOf[t]] + 1);
                    }
                }
            }
        }
        Map<Integer, List<int[]>> byWave = new TreeMap<>();
        for (int c = 0; c < components.size(); c++) {
            byWave.computeIfAbsent(wave[c], k -> new ArrayList<>()).add(components.get(c));
        }
        List<StoreWave> waves = new ArrayList<>();
        byWave.forEach((w, comps) -> {
            List<String> names = new ArrayList<>();
            List<List<String>> mutual = new ArrayList<>();
            for (int[] comp : comps) {
                List<String> members = Arrays.stream(comp).mapToObj(stores::get).sorted().toList();
                names.addAll(members);
                if (members.size() > 1) {
                    mutual.add(members);
                }
            }
            names.sort(null);
            mutual.sort(Comparator.comparing(m -> m.get(0)));
            waves.add(new StoreWave(w, names, mutual));
        });
        return waves;
    }

    private static int index(List<String> stores, String store) {
        int i = stores.indexOf(store);
        if (i < 0) {
            throw new IllegalArgumentException("a reference names store " + store + ", which is not among " + stores);
        }
        return i;
    }
}
