package io.ferry.staging;

import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.ids.RunId;
import java.util.Optional;

/**
 * Where a key sits in the layout: its area, the run it belongs to (none for a spec), and for a batch
 * file the batch id. Read by {@link StagingLayout#parse}.
 */
public record StagingLocation(Area area, Optional<RunId> runId, Optional<String> specHash,
        Optional<BatchId> batch) {

    /** The layout's areas; the phase is the one that writes the area, if any. */
    public enum Area {
        SPEC(null), EXTRACTED(Phase.EXTRACT), ANONYMIZED(Phase.ANONYMIZE), KEYS(Phase.EXTRACT),
        LEAK(Phase.ANONYMIZE), REPORT(Phase.REPORT);

        private final Phase phase;

        Area(Phase phase) {
            this.phase = phase;
        }

        public Optional<Phase> phase() {
            return Optional.ofNullable(phase);
        }
    }

    static StagingLocation spec(String hash) {
        return new StagingLocation(Area.SPEC, Optional.empty(), Optional.of(hash), Optional.empty());
    }

    static StagingLocation inRun(Area area, RunId runId, BatchId batch) {
        return new StagingLocation(area, Optional.of(runId), Optional.empty(), Optional.ofNullable(batch));
    }

    /** Production personal data: deleted once anonymized, swept if a crash left it. */
    public boolean isRaw() {
        return area == Area.EXTRACTED;
    }

    public Optional<Phase> phase() {
        return area.phase();
    }
}
