package io.ferry.coordinator.saga;

import java.util.List;
import java.util.Set;

/**
 * What the spec says about a run, worked out when it starts so the state machine needs no spec: which stores
 * extract in which wave, the order stores load in, the gates the spec asks for, and for a refresh the run it
 * replaces.
 *
 * @param extract       every store to extract, each with its wave and the stores whose key sets it waits for
 * @param loadOrder     the stores in cross-store dependency order
 * @param gates         the spec's minimum approval gates
 * @param replacesRunId the district's loaded run a refresh swaps out; null otherwise
 */
public record RunPlan(List<ExtractStep> extract, List<String> loadOrder, Set<Gate> gates, String replacesRunId) {

    /** One store's extraction: wave 0 needs nothing, a later wave the key sets of {@code dependsOn}. */
    public record ExtractStep(String store, int wave, List<String> dependsOn) {

        public ExtractStep {
            dependsOn = List.copyOf(dependsOn);
        }
    }

    public RunPlan {
        extract = List.copyOf(extract);
        loadOrder = List.copyOf(loadOrder);
        gates = Set.copyOf(gates);
        if (extract.isEmpty()) {
            throw new IllegalArgumentException("a run plan extracts at least one store");
        }
    }

    int lastWave() {
        return extract.stream().mapToInt(ExtractStep::wave).max().orElse(0);
    }

    List<ExtractStep> wave(int wave) {
        return extract.stream().filter(s -> s.wave() == wave).toList();
    }
}
