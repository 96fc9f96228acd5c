package io.ferry.coordinator.runs;

import io.ferry.contracts.messages.RunStatus;
import io.ferry.coordinator.persistence.DistrictBusyException;
import io.ferry.coordinator.saga.RunOptions;
import io.ferry.spec.SpecException;
import io.ferry.staging.StagingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Many districts in one request. Each district gets its own run, started one after the other; a district whose
 * run cannot start (an active run, say) is recorded with the reason and not retried, and the others go on. The
 * runs then proceed on their own: extraction, anonymization and validation side by side, loads one at a time.
 */
public final class Batches {

    private final DataSource db;
    private final RunStarter starter;

    public Batches(DataSource db, RunStarter starter) {
        this.db = db;
        this.starter = starter;
    }

    /** A district of a batch: its run, or why it has none. */
    public record District(String district, String runId, RunStatus status, String failure) {

        /** {@code pending}, {@code running}, {@code completed} or {@code failed}. */
        public String state() {
            if (failure != null) {
                return "failed";
            }
            return switch (status) {
                case REQUESTED -> "pending";
                case RUNNING, AWAITING_APPROVAL, BLOCKED, COMPENSATING -> "running";
                case SUCCEEDED -> "completed";
                case FAILED, CANCELLED, COMPENSATED, COMPENSATION_FAILED -> "failed";
            };
        }
    }

    public record Batch(String batchId, String requestedBy, Instant createdAt, List<District> districts) {
    }

    public Batch start(List<String> districts, RunOptions options, String by, Instant now) throws SQLException {
        String batchId = "batch-" + UUID.randomUUID();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO batch (batch_id, requested_by, created_at) VALUES (?, ?, ?)")) {
            st.setString(1, batchId);
            st.setString(2, by);
            st.setTimestamp(3, Timestamp.from(now));
            st.executeUpdate();
        }
        int position = 0;
        for (String district : districts) {
            String runId = null;
            String failure = null;
            try {
                runId = starter.start(district, options, null, by, now).run().runId();
            } catch (DistrictBusyException | NothingToReuseException | SpecException | StagingException e) {
                failure = e.getMessage();
            }
            try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("INSERT INTO batch_district"
                    + " (batch_id, position, district, run_id, failure) VALUES (?, ?, ?, ?, ?)")) {
                st.setString(1, batchId);
                st.setInt(2, position++);
                st.setString(3, district);
                st.setString(4, runId);
                st.setString(5, failure);
                st.executeUpdate();
            }
        }
        return find(batchId).orElseThrow();
    }

    public Optional<Batch> find(String batchId) throws SQLException {
        try (Connection c = db.getConnection()) {
            String by;
            Instant created;
            try (PreparedStatement st = c.prepareStatement("SELECT requested_by, created_at FROM batch WHERE batch_id = ?")) {
                st.setString(1, batchId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    by = rs.getString(1);
                    created = rs.getTimestamp(2).toInstant();
                }
            }
            List<District> districts = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT d.district, d.run_id, r.status, d.failure, r.state"
                    + " ->> 'reason' FROM batch_district d LEFT JOIN run r ON r.run_id = d.run_id WHERE d.batch_id = ?"
                    + " ORDER BY d.position")) {
                st.setString(1, batchId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        RunStatus status = rs.getString(3) == null ? null : RunStatus.valueOf(rs.getString(3));
                        String failure = rs.getString(4);
                        if (failure == null && status != null && status.isTerminal() && status != RunStatus.SUCCEEDED) {
                            failure = rs.getString(5);
                        }
                        districts.add(new District(rs.getString(1), rs.getString(2), status, failure));
                    }
                }
            }
            return Optional.of(new Batch(batchId, by, created, districts));
        }
    }
}
