package io.ferry.coordinator.saga;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the spec says about a run, worked out when it starts so the state machine needs no spec: which stores
 * extract in which wave, the order stores load in and which loads wait for which, the gates the spec asks for, and
 * for a refresh the run it replaces.
 *
 * @param extract       every store to extract, each with its wave and the stores whose key sets it waits for
 * @param loadOrder     the stores in cross-store dependency order
 * @param gates         the spec's minimum approval gates
 * @param replacesRunId the district's loaded run a refresh swaps out; null otherwise
 * @param reuse         the earlier run whose anonymized batches this run took instead of extracting; null otherwise
 * @param loadAfter     per store, the stores whose loads it waits for (their key maps in CERT); a store waits for
 *                      none of the others, so stores whose waits are over load at the same time. Null (a plan made
 *                      before stores loaded side by side) makes each store wait for the one before it in
 *                      {@code loadOrder}
 * @param whenDecided   whether a store waits only until the loads it waits for are sent, the loader reading their key
 *                      maps as soon as they decided them (ADR 4), rather than until they are loaded; null (a plan
 *                      made before) is false
 */
public record RunPlan(List<ExtractStep> extract, List<String> loadOrder, Set<Gate> gates, String replacesRunId,
        Reuse reuse, Map<String, List<String>> loadAfter, Boolean whenDecided) {

    /**
     * An earlier run's extraction, copied into this run's staging before it started: what that run's batches were.
     *
     * @param runId      the run that extracted and anonymized them (its leak check passed)
     * @param expected   per {@code store/schema.table}, its batches
     * @param anonymized per {@code store/schema.table}, the sequence numbers anonymized
     */
    public record Reuse(String runId, Integer keyVersion, Map<String, Integer> expected,
            Map<String, Set<Integer>> anonymized) {

        public Reuse {
            expected = Map.copyOf(expected);
            Map<String, Set<Integer>> copy = new TreeMap<>();
            anonymized.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
            anonymized = Map.copyOf(copy);
        }
    }

    /** A plan that extracts and loads its stores one after the other, in {@code loadOrder}. */
    public RunPlan(List<ExtractStep> extract, List<String> loadOrder, Set<Gate> gates, String replacesRunId) {
        this(extract, loadOrder, gates, replacesRunId, null, null);
    }

    /** A plan whose stores wait until the loads they wait for are loaded. */
    public RunPlan(List<ExtractStep> extract, List<String> loadOrder, Set<Gate> gates, String replacesRunId,
            Reuse reuse, Map<String, List<String>> loadAfter) {
        this(extract, loadOrder, gates, replacesRunId, reuse, loadAfter, false);
    }

    /** The same plan, starting from an earlier run's kept extraction. */
    public RunPlan reusing(Reuse from) {
        return new RunPlan(extract, loadOrder, gates, replacesRunId, from, loadAfter, whenDecided);
    }

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
        loadAfter = loadAfter == null ? oneAfterAnother(loadOrder) : copy(loadAfter);
        whenDecided = Boolean.TRUE.equals(whenDecided);
        for (Map.Entry<String, List<String>> e : loadAfter.entrySet()) {
            for (String before : e.getValue()) {
                if (loadOrder.indexOf(before) < 0 || loadOrder.indexOf(before) >= loadOrder.indexOf(e.getKey())) {
                    throw new IllegalArgumentException("store " + e.getKey() + " cannot wait for " + before
                            + ", which does not load before it");
                }
            }
        }
    }

    /** The stores whose loads {@code store} waits for. */
    List<String> loadsBefore(String store) {
        return loadAfter.getOrDefault(store, List.of());
    }

    /**
     * Whether {@code store}'s load may be sent: every load it waits for is loaded or, in a plan {@link #whenDecided},
     * sent.
     */
    boolean readyToLoad(String store, Set<String> loaded, Set<String> sent) {
        return loadsBefore(store).stream().allMatch(x -> loaded.contains(x) || whenDecided && sent.contains(x));
    }

    private static Map<String, List<String>> oneAfterAnother(List<String> order) {
        Map<String, List<String>> after = new TreeMap<>();
        for (int i = 1; i < order.size(); i++) {
            after.put(order.get(i), List.of(order.get(i - 1)));
        }
        return Collections.unmodifiableMap(after);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> after) {
        Map<String, List<String>> copy = new TreeMap<>();
        after.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    int lastWave() {
        return extract.stream().mapToInt(ExtractStep::wave).max().orElse(0);
    }

    List<ExtractStep> wave(int wave) {
        return extract.stream().filter(s -> s.wave() == wave).toList();
    }
}
