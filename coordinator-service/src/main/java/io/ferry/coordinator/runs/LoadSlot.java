package io.ferry.coordinator.runs;

import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.saga.RunEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * CERT's load slot: one run loads into the CERT estate at a time (a run loading, blocked while loading, or being
 * compensated holds it). When it is free, the run that has waited longest in {@code LOAD_QUEUED} gets it.
 */
public final class LoadSlot {

    private final DataSource db;
    private final RunStore runs;

    public LoadSlot(DataSource db, RunStore runs) {
        this.db = db;
        this.runs = runs;
    }

    /** @return the run granted the slot; empty when a run holds it or none waits */
    public Optional<String> grantNext(Instant now) throws SQLException {
        String next;
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT run_id FROM run"
                + " WHERE step = 'LOAD_QUEUED' AND status = 'RUNNING' AND NOT EXISTS (SELECT 1 FROM run h WHERE"
                + " h.step IN ('LOAD', 'COMPENSATE') AND h.status IN ('RUNNING', 'BLOCKED', 'COMPENSATING'))"
                + " ORDER BY updated_at, run_id LIMIT 1")) {
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                next = rs.getString(1);
            }
        }
        // The saga ignores a grant to a run no longer queued; two coordinators granting at once both reach the
        // saga under the run's row lock, and only the first grant finds the run queued.
        runs.apply(next, new RunEvent.LoadSlotGranted(UUID.randomUUID(), now));
        return Optional.of(next);
    }
}
