package io.ferry.coordinator.api;

import io.ferry.coordinator.runs.Batches;
import java.time.Instant;
import java.util.List;

/** A batch as the API shows it: its districts by where their runs are. */
public record BatchView(String batchId, String requestedBy, Instant createdAt, List<Entry> pending, List<Entry> running,
        List<Entry> completed, List<Entry> failed) {

    /** @param reason why the district has no run or its run did not succeed; null otherwise */
    public record Entry(String district, String runId, String status, String reason) {
    }

    static BatchView of(Batches.Batch b) {
        return new BatchView(b.batchId(), b.requestedBy(), b.createdAt(), entries(b, "pending"), entries(b, "running"),
                entries(b, "completed"), entries(b, "failed"));
    }

    private static List<Entry> entries(Batches.Batch b, String state) {
        return b.districts().stream().filter(d -> d.state().equals(state)).map(d -> new Entry(d.district(), d.runId(),
                d.status() == null ? null : d.status().name(), d.failure())).toList();
    }
}
