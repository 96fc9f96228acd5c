package io.ferry.coordinator.saga;

import io.ferry.contracts.messages.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;

/**
 * A run as the state machine sees it; immutable. Only {@link RunSaga#decide} makes a new one.
 *
 * @param status       the run's status as DESIGN.md lists them
 * @param step         where in the pipeline it is
 * @param awaiting     the gate a run in {@code AWAITING_APPROVAL} waits at; null otherwise
 * @param waitingFor   what a waiting run waits for, in words; null when nothing
 * @param continueWith the command that continues a waiting run ({@code ferry approve RUN}); null when it goes on by itself
 * @param reason       why the run last changed status
 * @param pending      commands sent and not answered, by command id
 * @param attempts     the last attempt sent per command id: a result of an older attempt is stale
 * @param wave         the last extraction wave sent
 * @param extracted    stores whose extraction finished
 * @param expected     per {@code store/schema.table}, the batches its extraction wrote
 * @param anonymized   per {@code store/schema.table}, the sequence numbers of the batches anonymized
 * @param fingerprints per store, CERT's schema fingerprint the validator checked against
 * @param loaded       stores loaded, in order
 * @param stalls       sweeps that found no progress since the last event
 * @param keyVersion   the anonymization key version the batches name; null before the first anonymized batch
 * @param blocked      commands a service answered with a blocking failure: what {@code resume} sends again
 * @param verification the latest verify of a finished run; null when none was asked for
 */
public record RunState(String runId, String district, String specHash, String requestedBy, RunOptions options,
        RunPlan plan, RunStatus status, Step step, Gate awaiting, String waitingFor, String continueWith, String reason,
        Map<String, Pending> pending, Map<String, Integer> attempts, int wave, Set<String> extracted,
        Map<String, Integer> expected, Map<String, Set<Integer>> anonymized, Map<String, String> fingerprints,
        List<String> loaded, int stalls, Integer keyVersion, Set<String> blocked, Verification verification) {

    public RunState {
        pending = Map.copyOf(pending);
        attempts = Map.copyOf(attempts);
        extracted = Set.copyOf(extracted);
        expected = Map.copyOf(expected);
        Map<String, Set<Integer>> copy = new TreeMap<>();
        anonymized.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        anonymized = Map.copyOf(copy);
        fingerprints = Map.copyOf(fingerprints);
        loaded = List.copyOf(loaded);
        blocked = Set.copyOf(blocked);
    }

    /** Whether a load was asked of any store: from then on a failure compensates instead of failing. */
    public boolean loadStarted() {
        return !loaded.isEmpty() || pending.keySet().stream().anyMatch(id -> id.startsWith("load/"));
    }

    /** Batches anonymized so far, over every table. */
    public int anonymizedBatches() {
        return anonymized.values().stream().mapToInt(Set::size).sum();
    }

    Builder change() {
        return new Builder(this);
    }

    /** A copy to change inside one decision. */
    static final class Builder {
        private final RunState from;
        RunStatus status;
        Step step;
        Gate awaiting;
        String waitingFor;
        String continueWith;
        String reason;
        final Map<String, Pending> pending;
        final Map<String, Integer> attempts;
        int wave;
        final Set<String> extracted;
        final Map<String, Integer> expected;
        final Map<String, Set<Integer>> anonymized;
        final Map<String, String> fingerprints;
        final List<String> loaded;
        int stalls;
        Integer keyVersion;
        final Set<String> blocked;
        Verification verification;

        private Builder(RunState s) {
            from = s;
            status = s.status;
            step = s.step;
            awaiting = s.awaiting;
            waitingFor = s.waitingFor;
            continueWith = s.continueWith;
            reason = s.reason;
            pending = new LinkedHashMap<>(s.pending);
            attempts = new LinkedHashMap<>(s.attempts);
            wave = s.wave;
            extracted = new TreeSet<>(s.extracted);
            expected = new TreeMap<>(s.expected);
            anonymized = new TreeMap<>();
            s.anonymized.forEach((k, v) -> anonymized.put(k, new TreeSet<>(v)));
            fingerprints = new TreeMap<>(s.fingerprints);
            loaded = new ArrayList<>(s.loaded);
            stalls = s.stalls;
            keyVersion = s.keyVersion;
            blocked = new TreeSet<>(s.blocked);
            verification = s.verification;
        }

        /** Clears what only a waiting run has. */
        void running(Step next) {
            status = RunStatus.RUNNING;
            step = next;
            awaiting = null;
            waitingFor = null;
            continueWith = null;
            blocked.clear();
        }

        RunState build() {
            return new RunState(from.runId, from.district, from.specHash, from.requestedBy, from.options, from.plan, status,
                    step, awaiting, waitingFor, continueWith, reason, pending, attempts, wave, extracted, expected,
                    anonymized, fingerprints, loaded, stalls, keyVersion, blocked, verification);
        }
    }
}
