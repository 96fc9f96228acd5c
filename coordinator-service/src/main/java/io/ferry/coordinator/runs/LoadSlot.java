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
 * CERT's load slot: one run writes into the CERT estate at a time (a run loading, blocked while loading, or being
 * compensated holds it). A compensation that stopped {@code BLOCKED} writes nothing while it waits for an operator,
 * who may first have to roll back another run (one sharing its rows): it does not hold the slot, and its resume
 * waits for the slot like a rollback. When it is free, the run that entered {@code LOAD_QUEUED} first gets it. A session
 * advisory lock makes the check and the grant one step across coordinators: two cannot hand the slot to two runs.
 */
public final class LoadSlot {

    /** The lock's key: any constant the coordinator's database uses for nothing else. */
    private static final long LOCK = 0x466572727953L;
    private static final String HOLDER = "SELECT run_id FROM run WHERE step = 'LOAD' AND status IN ('RUNNING',"
            + " 'BLOCKED') OR step = 'COMPENSATE' AND status IN ('RUNNING', 'COMPENSATING') ORDER BY run_id LIMIT 1";

    private final DataSource db;
    private final RunStore runs;

    public LoadSlot(DataSource db, RunStore runs) {
        this.db = db;
        this.runs = runs;
    }

    /** The run writing into CERT now, if any. */
    public Optional<String> holder() throws SQLException {
        try (Connection c = db.getConnection()) {
            return holder(c);
        }
    }

    /** @return the run granted the slot; empty when a run holds it, none waits, or another coordinator is granting */
    public Optional<String> grantNext(Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            if (!lock(c, "pg_try_advisory_lock")) {
                return Optional.empty();
            }
            try {
                if (holder(c).isPresent()) {
                    return Optional.empty();
                }
                String next;
                try (PreparedStatement st = c.prepareStatement("SELECT run_id FROM run WHERE step = 'LOAD_QUEUED'"
                        + " AND status = 'RUNNING' ORDER BY step_since, run_id LIMIT 1"); ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    next = rs.getString(1);
                }
                // Committed before the lock goes: the next coordinator to take it sees the holder.
                runs.apply(next, new RunEvent.LoadSlotGranted(UUID.randomUUID(), now));
                return Optional.of(next);
            } finally {
                lock(c, "pg_advisory_unlock");
            }
        }
    }

    private static Optional<String> holder(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(HOLDER); ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    private static boolean lock(Connection c, String function) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + function + "(?)")) {
            st.setLong(1, LOCK);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
