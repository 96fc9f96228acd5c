package io.ferry.coordinator.runs;

import io.ferry.contracts.ids.MessageIds;
import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.saga.RunEvent;
import io.ferry.coordinator.saga.RunOptions;
import io.ferry.coordinator.saga.RunPlan;
import io.ferry.coordinator.saga.RunState;
import io.ferry.staging.Staging;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts runs: stages the spec as it is now ({@link StagedSpec}), works out the plan, and applies the request to a
 * new run. A request repeated with the same idempotency key by the same user returns the run the first one started.
 */
public final class RunStarter {

    private final RunStore runs;
    private final StagedSpec spec;
    private final KeptExtraction kept;

    public RunStarter(RunStore runs, StagedSpec spec, Staging staging) {
        this.runs = runs;
        this.spec = spec;
        this.kept = new KeptExtraction(staging);
    }

    /** The new (or, for a repeated request, the earlier) run, and whether it was created now. */
    public record Started(RunState run, boolean created) {
    }

    /**
     * @param idempotencyKey the client's key for the request, or null
     * @throws io.ferry.coordinator.persistence.DistrictBusyException the district has an active run
     * @throws io.ferry.spec.SpecException the spec does not read
     * @throws NothingToReuseException {@code reuseExtraction} was asked for and no earlier run's extraction is kept
     */
    public Started start(String district, RunOptions options, String idempotencyKey, String by, Instant now)
            throws SQLException {
        UUID eventId = idempotencyKey == null ? UUID.randomUUID()
                : MessageIds.uuidV5(MessageIds.FERRY_NAMESPACE, "run-request/" + by + "/" + idempotencyKey);
        Optional<String> earlier = runs.runOf(eventId);
        if (earlier.isPresent()) {
            return new Started(runs.find(earlier.get()).orElseThrow(), false);
        }
        StagedSpec.Current current = spec.stage();
        String specHash = current.hash();
        String replaces = options.refresh() ? runs.lastLoaded(district).orElse(null) : null;
        RunPlan plan = RunPlans.of(current.spec(), replaces);
        RunState reused = options.reuseExtraction() ? reusable(district, specHash) : null;
        if (reused != null) {
            plan = plan.reusing(new RunPlan.Reuse(reused.runId(), reused.keyVersion(), reused.expected(),
                    reused.anonymized()));
        }
        for (int tries = 1; ; tries++) {
            String runId = RunIds.next(now, runs.lastRunId(RunIds.prefix(now)));
            RunEvent requested = new RunEvent.Requested(eventId, runId, district, specHash, options, plan, by, now);
            // The copy is in place before the run exists: its first command (the leak check) reads it.
            if (reused != null) {
                kept.copy(reused.runId(), runId);
            }
            try {
                RunStore.Applied applied = runs.apply(runId, requested);
                if (applied.duplicate() && reused != null) {
                    kept.remove(runId);
                }
                return new Started(applied.state(), !applied.duplicate());
            } catch (SQLException | RuntimeException e) {
                if (reused != null) {
                    kept.remove(runId);
                }
                // Another start took the id in the same second: take the next one.
                if (!(e instanceof SQLException sql) || !RunStore.runIdTaken(sql) || tries == 10) {
                    throw e;
                }
            }
        }
    }

    /** The newest run of the district under this spec hash whose leak check passed and whose batches are kept. */
    private RunState reusable(String district, String specHash) throws SQLException {
        for (RunState candidate : runs.leakChecked(district, specHash)) {
            if (kept.kept(candidate.runId())) {
                return candidate;
            }
        }
        throw new NothingToReuseException("no earlier run of district " + district + " under spec " + specHash
                .substring(0, 12) + " has its anonymized batches kept (a run's leak check must have passed, and staging"
                + " keeps batches for its retention); start the run without reuseExtraction");
    }
}
