package io.ferry.coordinator.runs;

import io.ferry.coordinator.reports.ReportWriter;
import io.ferry.staging.Staging;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The coordinator's own work after a run changed ({@code run_task}): writing the run's report, and deleting its
 * raw (extracted) batches once it ended, so no PROD data outlives a run. Tasks are taken with {@code SKIP LOCKED},
 * so coordinators share them, and marked done in the same transaction; a task that fails stays open and is tried
 * again next round.
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
                List<long[]> done = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement("SELECT id, run_id, kind FROM run_task WHERE done_at IS NULL"
                        + " ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED"); ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (perform(rs.getString(2), rs.getString(3))) {
                            done.add(new long[] {rs.getLong(1)});
                        }
                    }
                }
                try (PreparedStatement st = c.prepareStatement("UPDATE run_task SET done_at = ? WHERE id = ?")) {
                    for (long[] id : done) {
                        st.setTimestamp(1, Timestamp.from(now));
                        st.setLong(2, id[0]);
                        st.addBatch();
                    }
                    st.executeBatch();
                }
                c.commit();
                return done.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
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
