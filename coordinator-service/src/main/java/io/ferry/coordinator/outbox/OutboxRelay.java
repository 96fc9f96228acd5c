package io.ferry.coordinator.outbox;

import io.ferry.service.faults.KillPoint;
import io.ferry.contracts.Headers;
import io.ferry.contracts.SchemaVersion;
import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Publisher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Sends the outbox: rows whose {@code not_before} has come, oldest first, in batches. One relay works at a time
 * (a transaction-scoped advisory lock is its lease, so replicas of the coordinator do not interleave); it sends
 * a batch, waits for the broker's acknowledgements, and marks sent the rows up to the first one that was not
 * acknowledged, in the same transaction it read them in (rows after it may be on the wire already and go again:
 * consumers drop the repeat). A row refused {@value #PARK_AFTER} times is parked, so one bad row cannot hold up
 * every run (its run's sweeper re-sends its step). A relay that dies before that commit leaves the rows unsent:
 * they go again, with the same message ids.
 */
public final class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The lease's key: any constant the coordinator's database uses for nothing else. */
    private static final long LEASE = 0x4665727279L;
    /** Times the broker may refuse a row before it is parked (left unsent, logged) so that it holds up no other. */
    static final int PARK_AFTER = 5;

    private final DataSource db;
    private final Publisher publisher;
    private final int batchSize;
    private final Duration ackTimeout;

    public OutboxRelay(DataSource db, Publisher publisher, int batchSize, Duration ackTimeout) {
        this.db = db;
        this.publisher = publisher;
        this.batchSize = batchSize;
        this.ackTimeout = ackTimeout;
    }

    /** A row of the outbox as the relay sends it. */
    record Row(long id, Envelope envelope) {
    }

    /**
     * Sends one batch of due rows.
     *
     * @return rows marked sent; 0 when nothing was due or another relay holds the lease
     */
    public int relayOnce(Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                int sent = relay(c, now);
                c.commit();
                return sent;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private int relay(Connection c, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            st.setLong(1, LEASE);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        List<Row> rows = due(c, now);
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (Row row : rows) {
            acks.add(publisher.send(row.envelope()));
        }
        List<Long> acked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!acknowledged(acks.get(i), rows.get(i))) {
                try (PreparedStatement st = c.prepareStatement("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?")) {
                    st.setLong(1, rows.get(i).id());
                    st.executeUpdate();
                }
                break;
            }
            acked.add(rows.get(i).id());
        }
        KillPoint.reach(KillPoint.COORDINATOR_AFTER_SEND);
        try (PreparedStatement st = c.prepareStatement("UPDATE outbox SET sent_at = ? WHERE id = ANY (?)")) {
            st.setTimestamp(1, Timestamp.from(now));
            st.setArray(2, c.createArrayOf("bigint", acked.toArray()));
            st.executeUpdate();
        }
        return acked.size();
    }

    private List<Row> due(Connection c, Instant now) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, message_id, run_id, topic, message_key, causation_id,"
                + " payload FROM outbox WHERE sent_at IS NULL AND not_before <= ? AND attempts < " + PARK_AFTER
                + " ORDER BY id LIMIT ?")) {
            st.setTimestamp(1, Timestamp.from(now));
            st.setInt(2, batchSize);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put(Headers.MESSAGE_ID, rs.getString(2));
                    headers.put(Headers.RUN_ID, rs.getString(3));
                    headers.put(Headers.SCHEMA_VERSION, SchemaVersion.CURRENT);
                    if (rs.getString(6) != null) {
                        headers.put(Headers.CAUSATION_ID, rs.getString(6));
                    }
                    rows.add(new Row(rs.getLong(1), new Envelope(rs.getString(4), rs.getString(5), rs.getString(7),
                            headers)));
                }
            }
        }
        return rows;
    }

    private boolean acknowledged(CompletableFuture<Void> ack, Row row) {
        try {
            ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            // Logged by id and topic only: payloads never go to logs.
            LOG.warnf("outbox row %d (%s) was not acknowledged: %s; it and the rows after it go again, it is parked"
                    + " after " + PARK_AFTER + " refusals",
                    row.id(), row.envelope().topic(), e instanceof TimeoutException ? "timed out"
                            : e.getCause().getClass().getSimpleName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
