package io.ferry.coordinator.runs;

import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.saga.RunEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Finds runs that wait on a command (or, in extraction, on anonymized batches) and have not changed for the
 * timeout, and tells each it stalled: the saga sends the outstanding commands again with the same message ids, and
 * gives the run up after its limit.
 * Runs waiting for a person (approval, a blocked step) or for the load slot are not stalled, nor are runs whose
 * phase services reported progress within the timeout ({@code run.progress_at}).
 */
public final class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    private final DataSource db;
    private final RunStore runs;

    public Sweeper(DataSource db, RunStore runs) {
        this.db = db;
        this.runs = runs;
    }

    /** @return the runs told they stalled */
    public List<String> sweep(Instant now, Duration timeout) throws SQLException {
        List<String> stalled = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT run_id FROM run"
                + " WHERE status IN ('REQUESTED', 'RUNNING', 'COMPENSATING') AND greatest(updated_at, progress_at) < ?"
                + " AND (state -> 'pending' <> '{}'::jsonb OR step = 'EXTRACT') ORDER BY updated_at")) {
            st.setTimestamp(1, Timestamp.from(now.minus(timeout)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stalled.add(rs.getString(1));
                }
            }
        }
        List<String> told = new ArrayList<>();
        for (String runId : stalled) {
            try {
                runs.apply(runId, new RunEvent.Stalled(UUID.randomUUID(), now));
                told.add(runId);
            } catch (SQLException | RuntimeException e) {
                // One run that cannot be told must not keep the others from being swept.
                LOG.warnf("sweep of run %s failed: %s", runId, e.getClass().getName());
            }
        }
        return told;
    }
}
