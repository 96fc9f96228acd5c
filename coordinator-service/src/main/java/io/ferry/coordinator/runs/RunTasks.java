package io.ferry.coordinator.runs;

import io.ferry.coordinator.reports.ReportWriter;
import io.ferry.staging.Staging;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The coordinator's own work after a run changed ({@code run_task}): writing the run's report, and deleting its
 * raw (extracted) batches once it ended, so no PROD data outlives a run. Tasks are taken with {@code SKIP LOCKED},
 * so coordinators share them, and marked done in the same transaction; a task that fails stays open and is tried
 * again later, waiting longer each time.
 */
public final class RunTasks {

    private static final Logger LOG = Logger.getLogger(RunTasks.class);

    private final DataSource db;
    private final Staging staging;
    private final ReportWriter reports;

    public RunTasks(DataSource db, Staging staging, ReportWriter reports) {
        this.db = db;
        this.staging = staging;
        this.reports = reports;
    }

    /** @return tasks done */
    public int runOnce(Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                int done = 0;
                try (PreparedStatement st = c.prepareStatement("SELECT id, run_id, kind, attempts FROM run_task WHERE"
                        + " done_at IS NULL AND (not_before IS NULL OR not_before <= ?) ORDER BY id LIMIT 20"
                        + " FOR UPDATE SKIP LOCKED")) {
                    st.setTimestamp(1, Timestamp.from(now));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            boolean ok = perform(rs.getString(2), rs.getString(3));
                            record(c, rs.getLong(1), ok, rs.getInt(4), now);
                            done += ok ? 1 : 0;
                        }
                    }
                }
                c.commit();
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Done, or tried again later: after 10 s, 20 s, 40 s ... at most an hour, so a failing task holds up no other. */
    private static void record(Connection c, long id, boolean ok, int attempts, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(ok ? "UPDATE run_task SET done_at = ?, attempts = attempts + 1"
                + " WHERE id = ?" : "UPDATE run_task SET not_before = ?, attempts = attempts + 1 WHERE id = ?")) {
            st.setTimestamp(1, Timestamp.from(ok ? now : now.plusSeconds(Math.min(3600, 10L << Math.min(attempts, 9)))));
            st.setLong(2, id);
            st.executeUpdate();
        }
    }

    private boolean perform(String runId, String kind) {
        try {
            switch (kind) {
                case "report" -> LOG.infof("run %s: report written (%s)", runId, String.join(", ", reports.write(runId)));
                case "clean-raw-staging" -> LOG.infof("run %s: %d raw object(s) deleted", runId,
                        staging.deletePrefix(runId + "/extracted/"));
                default -> throw new IllegalStateException("no task " + kind);
            }
            return true;
        } catch (Exception e) {
            LOG.warnf("run %s: task %s failed (%s); tried again next round", runId, kind, e.getClass().getName());
            return false;
        }
    }
}
