package io.ferry.coordinator.runs;

import io.ferry.contracts.ids.MessageIds;
import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.saga.RunEvent;
import io.ferry.coordinator.saga.RunOptions;
import io.ferry.coordinator.saga.RunPlan;
import io.ferry.coordinator.saga.RunState;
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

    public RunStarter(RunStore runs, StagedSpec spec) {
        this.runs = runs;
        this.spec = spec;
    }

    /** The new (or, for a repeated request, the earlier) run, and whether it was created now. */
    public record Started(RunState run, boolean created) {
    }

    /**
     * @param idempotencyKey the client's key for the request, or null
     * @throws io.ferry.coordinator.persistence.DistrictBusyException the district has an active run
     * @throws io.ferry.spec.SpecException the spec does not read
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
        for (int tries = 1; ; tries++) {
            String runId = RunIds.next(now, runs.lastRunId(RunIds.prefix(now)));
            RunEvent requested = new RunEvent.Requested(eventId, runId, district, specHash, options, plan, by, now);
            try {
                RunStore.Applied applied = runs.apply(runId, requested);
                return new Started(applied.state(), !applied.duplicate());
            } catch (SQLException e) {
                // Another start took the id in the same second: take the next one.
                if (!RunStore.runIdTaken(e) || tries == 10) {
                    throw e;
                }
            }
        }
    }
}
