package io.ferry.coordinator.runs;

import io.ferry.coordinator.saga.Gate;
import io.ferry.coordinator.saga.RunPlan;
import io.ferry.schema.graph.StoreWave;
import io.ferry.schema.graph.StoreWaves;
import io.ferry.spec.model.ApprovalGate;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.Spec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A run's plan from the spec alone (the coordinator reads no store): stores reference each other only through the
 * spec's links (a foreign key never leaves its database), so the links give the extraction waves (a store waits
 * for the key sets of the stores it references in earlier waves), the load order (referenced stores first) and the
 * loads each load waits for: those of the stores it references that load before it, whose key maps it reads. Stores
 * that reference each other share a wave; the one later in the order waits for the other, as one after the other.
 */
public final class RunPlans {

    private RunPlans() {
    }

    /** @param replacesRunId for a refresh, the district's loaded run the new one swaps out; null otherwise */
    public static RunPlan of(Spec spec, String replacesRunId) {
        List<String> stores = List.copyOf(new TreeSet<>(spec.stores().keySet()));
        Map<String, Set<String>> referenced = new TreeMap<>();
        for (Link link : spec.links()) {
            String from = link.from().table().store();
            String to = link.to().table().store();
            if (!from.equals(to)) {
                referenced.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            }
        }
        List<StoreWave> waves = StoreWaves.of(stores, referenced);
        List<RunPlan.ExtractStep> extract = new ArrayList<>();
        List<String> loadOrder = new ArrayList<>();
        Map<String, List<String>> loadAfter = new TreeMap<>();
        Map<String, Integer> waveOf = new TreeMap<>();
        for (StoreWave wave : waves) {
            for (String store : wave.stores()) {
                waveOf.put(store, wave.wave());
            }
        }
        for (StoreWave wave : waves) {
            for (String store : wave.stores()) {
                // Only earlier waves' key sets exist when the store starts; a partner in the same wave cannot wait.
                List<String> dependsOn = referenced.getOrDefault(store, Set.of()).stream()
                        .filter(s -> waveOf.get(s) < wave.wave()).sorted().toList();
                extract.add(new RunPlan.ExtractStep(store, wave.wave(), dependsOn));
                loadAfter.put(store, referenced.getOrDefault(store, Set.of()).stream().filter(loadOrder::contains)
                        .sorted().toList());
                loadOrder.add(store);
            }
        }
        return new RunPlan(extract, loadOrder, gates(spec.approval()), replacesRunId, null, loadAfter, true);
    }

    static Set<Gate> gates(List<ApprovalGate> approval) {
        Set<Gate> gates = EnumSet.noneOf(Gate.class);
        for (ApprovalGate gate : approval) {
            gates.add(switch (gate) {
                case BEFORE_EXTRACT -> Gate.BEFORE_EXTRACT;
                case BEFORE_LOAD -> Gate.BEFORE_LOAD;
            });
        }
        return gates;
    }
}
