package io.ferry.cert;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * What one CERT store itself records about the runs loaded into it, read from its own bookkeeping alone
 * ({@code ferry.run} and {@code ferry.run_count} in PostgreSQL, {@code :FerryRun} nodes in Neo4j): it answers
 * "which districts does CERT hold, from which run" even when the coordinator's database is lost.
 *
 * @param prepared whether the store carries Ferry's marker; an unprepared store lists no runs
 */
public record RunInventory(String store, boolean prepared, List<Entry> runs) {

    public RunInventory {
        runs = List.copyOf(runs);
    }

    /**
     * @param status      {@code loaded}, {@code compensated} or {@code superseded}
     * @param rows        rows the run inserted or updated in the store
     * @param finishedAt  when its load committed; null for a graph run still loading
     * @param takenOutAt  when it was compensated or superseded; null while loaded
     */
    public record Entry(String district, String runId, String status, int keyVersion, String requestedBy,
            Instant startedAt, Instant finishedAt, Instant takenOutAt, String supersededBy, long rows) {
    }

    public static RunInventory ofPostgres(String store, Connection cert) throws SQLException {
        if (PostgresTarget.marker(cert).isEmpty()) {
            return new RunInventory(store, false, List.of());
        }
        List<Entry> runs = new ArrayList<>();
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery("SELECT r.district, r.run_id,"
                + " r.status, r.key_version, r.requested_by, r.started_at, r.finished_at, r.taken_out_at,"
                + " r.superseded_by, coalesce((SELECT sum(c.inserted + c.updated) FROM ferry.run_count c"
                + " WHERE c.run_id = r.run_id), 0) FROM ferry.run r ORDER BY r.district, r.started_at, r.run_id")) {
            while (rs.next()) {
                runs.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                        rs.getString(9), rs.getLong(10)));
            }
        }
        return new RunInventory(store, true, runs);
    }

    /** The graph's {@code :FerryRun} nodes, with the properties the Neo4j load stamps on them. */
    public static RunInventory ofGraph(String store, Driver cert) {
        if (GraphTarget.marker(cert).isEmpty()) {
            return new RunInventory(store, false, List.of());
        }
        List<Entry> runs = new ArrayList<>();
        try (Session session = cert.session()) {
            for (Record r : session.run("MATCH (r:" + GraphTarget.RUN + ") RETURN r ORDER BY r.district, r.startedAt,"
                    + " r.runId").list()) {
                Value run = r.get("r");
                // the graph holds "" for "not superseded": a null property would be no property at all
                String supersededBy = run.get("supersededBy").asString("");
                runs.add(new Entry(run.get("district").asString(null), run.get("runId").asString(),
                        run.get("status").asString(null), run.get("keyVersion").asInt(0),
                        run.get("requestedBy").asString(null), time(run.get("startedAt")), time(run.get("finishedAt")),
                        time(run.get("takenOutAt")), supersededBy.isEmpty() ? null : supersededBy, run.get("rows").asLong(0)));
            }
        }
        return new RunInventory(store, true, runs);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Instant time(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant();
    }
}
