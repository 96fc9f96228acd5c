package io.ferry.coordinator.runs;

import io.ferry.contracts.ids.MessageIds;
import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.saga.RunEvent;
import io.ferry.coordinator.saga.RunOptions;
import io.ferry.coordinator.saga.RunPlan;
import io.ferry.coordinator.saga.RunState;
import io.ferry.spec.SpecHash;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Starts runs: reads the spec (connections are not resolved: the coordinator holds none), stores it by hash under
 * {@code staging/specs/} for the phase services, works out the plan, and applies the request to a new run. A
 * request repeated with the same idempotency key by the same user returns the run the first one started.
 */
public final class RunStarter {

    private final RunStore runs;
    private final Staging staging;
    private final Path specFile;

    public RunStarter(RunStore runs, Staging staging, Path specFile) {
        this.runs = runs;
        this.staging = staging;
        this.specFile = specFile;
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
            throws SQLException, IOException {
        UUID eventId = idempotencyKey == null ? UUID.randomUUID()
                : MessageIds.uuidV5(MessageIds.FERRY_NAMESPACE, "run-request/" + by + "/" + idempotencyKey);
        Optional<String> earlier = runs.runOf(eventId);
        if (earlier.isPresent()) {
            return new Started(runs.find(earlier.get()).orElseThrow(), false);
        }
        Spec spec = new SpecParser(Resolver.forFolder(specFile.toAbsolutePath().getParent(), Map.of()), Set.of())
                .read(specFile);
        String specHash = SpecHash.of(spec);
        if (staging.stat(StagingLayout.spec(specHash)).isEmpty()) {
            staging.put(StagingLayout.spec(specHash), specFile);
        }
        String replaces = options.refresh() ? runs.lastLoaded(district).orElse(null) : null;
        RunPlan plan = RunPlans.of(spec, replaces);
        String runId = RunIds.next(now, runs.lastRunId(RunIds.prefix(now)));
        RunEvent requested = new RunEvent.Requested(eventId, runId, district, specHash, options, plan, by, now);
        return new Started(runs.apply(runId, requested).state(), true);
    }
}
