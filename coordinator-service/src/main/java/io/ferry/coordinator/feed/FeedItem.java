package io.ferry.coordinator.feed;

import io.ferry.contracts.messages.Progress;
import io.ferry.contracts.messages.RunStatusChanged;

/**
 * One item of a run's live feed ({@code GET /runs/{id}/events}): a status change or a progress report, exactly one
 * of them set.
 */
public record FeedItem(String type, String runId, RunStatusChanged status, Progress progress) {

    public static FeedItem of(RunStatusChanged status) {
        return new FeedItem("status", status.runId(), status, null);
    }

    public static FeedItem of(Progress progress) {
        return new FeedItem("progress", progress.runId(), null, progress);
    }
}
