package io.ferry.coordinator.runs;

import io.ferry.staging.ObjectInfo;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import io.ferry.staging.StagingLocation;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What staging holds of a run's anonymized batches: the reality {@code resume} reconciles the run's state with. */
public final class StagedBatches {

    private final Staging staging;

    public StagedBatches(Staging staging) {
        this.staging = staging;
    }

    /** Per {@code store/schema.table} (as the run's state names tables), the sequence numbers of the batches there. */
    public Map<String, Set<Integer>> anonymized(String runId) {
        Map<String, Set<Integer>> found = new TreeMap<>();
        for (ObjectInfo o : staging.list(runId + "/anonymized/")) {
            StagingLayout.parse(o.key()).filter(l -> l.area() == StagingLocation.Area.ANONYMIZED)
                    .flatMap(StagingLocation::batch).ifPresent(b -> found.computeIfAbsent(b.store() + "/" + b.schema()
                            + "." + b.table(), k -> new TreeSet<>()).add(b.seq()));
        }
        return found;
    }
}
