package io.ferry.coordinator.feed;

import io.ferry.contracts.Json;
import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.Progress;
import io.ferry.contracts.messages.RunStatusChanged;
import io.ferry.service.kafka.KafkaRecords;
import io.ferry.service.messaging.InboundRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code ferry.progress.v1} and {@code ferry.runs.v1} in a consumer group of its own per coordinator
 * instance (each instance feeds its own streams), from the latest records on: every record goes to the live feed,
 * and a progress report marks its run as working ({@code run.progress_at}), which keeps the sweeper off it. A
 * record that does not read is logged by position and passed over: the feed is best effort.
 */
@ApplicationScoped
public class FeedConsumer {

    private static final Logger LOG = Logger.getLogger(FeedConsumer.class);

    private final RunFeed feed;
    private final DataSource db;

    public FeedConsumer(RunFeed feed, DataSource db) {
        this.feed = feed;
        this.db = db;
    }

    @Incoming("feed")
    @Blocking
    public CompletionStage<Void> onRecord(Message<String> record) {
        InboundRecord inbound = KafkaRecords.inbound(record);
        try {
            if (inbound.topic().equals(Topics.PROGRESS)) {
                Progress progress = Json.fromJson(inbound.value(), Progress.class);
                feed.publish(FeedItem.of(progress));
                seen(progress.runId(), progress.at() == null ? Instant.now() : progress.at());
            } else {
                feed.publish(FeedItem.of(Json.fromJson(inbound.value(), RunStatusChanged.class)));
            }
        } catch (Exception e) {
            LOG.debugf("%s: not fed (%s)", inbound, e.getClass().getName());
        }
        return record.ack();
    }

    private void seen(String runId, Instant at) throws java.sql.SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("UPDATE run SET progress_at ="
                + " greatest(progress_at, ?) WHERE run_id = ? AND status IN ('REQUESTED', 'RUNNING', 'COMPENSATING')")) {
            st.setTimestamp(1, Timestamp.from(at));
            st.setString(2, runId);
            st.executeUpdate();
        }
    }
}
