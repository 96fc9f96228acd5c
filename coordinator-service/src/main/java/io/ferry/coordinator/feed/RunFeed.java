package io.ferry.coordinator.feed;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The live feed of every run this coordinator hears of, for its server-sent event streams. Items are dropped for
 * a subscriber that cannot keep up: a feed is for watching, the run's state and audit trail are the record.
 */
@ApplicationScoped
public class RunFeed {

    private final BroadcastProcessor<FeedItem> items = BroadcastProcessor.create();

    public void publish(FeedItem item) {
        items.onNext(item);
    }

    /** The run's items from now on. */
    public Multi<FeedItem> of(String runId) {
        return items.filter(i -> i.runId().equals(runId)).onOverflow().drop();
    }
}
