package io.ferry.coordinator.persistence;

import io.ferry.contracts.Json;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.RunStatus;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.VerifyResult;
import io.ferry.coordinator.saga.Decision;
import io.ferry.coordinator.saga.Effect;
import io.ferry.coordinator.saga.RunEvent;
import io.ferry.coordinator.saga.RunSaga;
import io.ferry.coordinator.saga.RunState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Runs in the coordinator's database. Every event goes through {@link RunSaga#decide} in one transaction that
 * records the event's id as processed (a redelivered one changes nothing), locks the run row and updates it if the
 * run changed (its version counts the changes), appends the audit line, and writes the decision's messages to the outbox and its
 * own work to {@code run_task}. A rollback leaves no trace of the event, so it can be applied again.
 */
public final class RunStore {

    private static final String ONE_ACTIVE_RUN = "run_one_active_per_district";
    private static final Map<String, Class<? extends Message>> RESULT_TYPES = Map.of(
            "PreflightResult", PreflightResult.class, "ExtractResult", ExtractResult.class,
            "LeakCheckResult", LeakCheckResult.class, "ValidateResult", ValidateResult.class,
            "LoadResult", LoadResult.class, "CompensateResult", CompensateResult.class, "VerifyResult", VerifyResult.class);

    private final DataSource db;
    private final RunSaga saga;
    private final Runnable afterChange;

    public RunStore(DataSource db, RunSaga saga) {
        this(db, saga, () -> {
        });
    }

    /**
     * @param afterChange told after each committed event that was not a repeat (it must not block): what it
     *                    wrote to the outbox can go now rather than at the relay's next round
     */
    public RunStore(DataSource db, RunSaga saga, Runnable afterChange) {
        this.db = db;
        this.saga = saga;
        this.afterChange = afterChange;
    }

    /** What applying an event did: the run's state after it, or that the event had been applied before. */
    public record Applied(RunState state, boolean duplicate, String what) {
    }

    /**
     * @throws DistrictBusyException                          a requested run's district has an active run
     * @throws UnknownRunException                            no such run (for any event but a request)
     * @throws io.ferry.coordinator.saga.RunActionRefused an operator's action the run's state does not allow
     */
    public Applied apply(String runId, RunEvent event) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Applied applied = apply(c, runId, event);
                c.commit();
                if (!applied.duplicate()) {
                    afterChange.run();
                }
                return applied;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                // A request, or a rollback that makes a finished run active again, meets the district's active run.
                if (e instanceof SQLException sql && ONE_ACTIVE_RUN.equals(constraint(sql))) {
                    String district = event instanceof RunEvent.Requested r ? r.district()
                            : find(c, runId).map(RunState::district).orElse("?");
                    throw new DistrictBusyException(district, activeRun(c, district).orElse(null));
                }
                throw e;
            }
        }
    }

    private Applied apply(Connection c, String runId, RunEvent event) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO processed_message (message_id, run_id, processed_at)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setObject(1, event.id());
            st.setString(2, runId);
            st.setTimestamp(3, Timestamp.from(event.at()));
            if (st.executeUpdate() == 0) {
                // The run the event was applied to the first time (a repeated request names a new run id).
                String applied = runOf(c, event.id()).orElse(runId);
                return new Applied(find(c, applied).orElse(null), true, "already applied: " + event.id());
            }
        }
        RunState before = null;
        long version = 0;
        if (!(event instanceof RunEvent.Requested)) {
            try (PreparedStatement st = c.prepareStatement("SELECT state, version FROM run WHERE run_id = ? FOR UPDATE")) {
                st.setString(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownRunException(runId);
                    }
                    before = StateJson.read(runId, rs.getString(1));
                    version = rs.getLong(2);
                }
            }
        }
        Decision decision = saga.decide(before, event);
        RunState after = decision.state();
        // An event the run ignored (a stale answer, a sweep with nothing to do) leaves the row, its version and
        // its times alone; it still gets its audit line, without a payload.
        boolean changed = !after.equals(before);
        long next = changed ? version + 1 : version;
        if (before == null) {
            insertRun(c, after, event.at());
        } else if (changed) {
            try (PreparedStatement st = c.prepareStatement("UPDATE run SET status = ?, step = ?, state = ?::jsonb,"
                    + " version = ?, updated_at = ?, step_since = CASE WHEN step = ? THEN step_since ELSE ? END"
                    + " WHERE run_id = ? AND version = ?")) {
                st.setString(1, after.status().name());
                st.setString(2, after.step().name());
                st.setString(3, StateJson.write(after));
                st.setLong(4, next);
                st.setTimestamp(5, Timestamp.from(event.at()));
                st.setString(6, after.step().name());
                st.setTimestamp(7, Timestamp.from(event.at()));
                st.setString(8, runId);
                st.setLong(9, version);
                if (st.executeUpdate() != 1) {
                    throw new IllegalStateException("run " + runId + " changed under its row lock");
                }
            }
        }
        audit(c, runId, event, decision, changed);
        effects(c, after, next, event, decision.effects());
        return new Applied(after, false, decision.what());
    }

    private static void insertRun(Connection c, RunState run, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO run (run_id, district, status, step, version, state,"
                + " requested_by, created_at, updated_at, step_since) VALUES (?, ?, ?, ?, 1, ?::jsonb, ?, ?, ?, ?)")) {
            st.setString(1, run.runId());
            st.setString(2, run.district());
            st.setString(3, run.status().name());
            st.setString(4, run.step().name());
            st.setString(5, StateJson.write(run));
            st.setString(6, run.requestedBy());
            st.setTimestamp(7, Timestamp.from(at));
            st.setTimestamp(8, Timestamp.from(at));
            st.setTimestamp(9, Timestamp.from(at));
            st.executeUpdate();
        }
    }

    /** The next line of the run's audit trail; the run's row lock orders them. */
    private static void audit(Connection c, String runId, RunEvent event, Decision decision, boolean changed)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO run_event (run_id, seq, event_id, kind, actor, at,"
                + " what, status, payload) SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?::jsonb FROM run_event"
                + " WHERE run_id = ?")) {
            st.setString(1, runId);
            st.setObject(2, event.id());
            st.setString(3, kind(event));
            st.setString(4, event.by());
            st.setTimestamp(5, Timestamp.from(event.at()));
            st.setString(6, decision.what());
            st.setString(7, decision.state().status().name());
            st.setString(8, changed && event instanceof RunEvent.Answered a ? Json.toJson(a.result()) : null);
            st.setString(9, runId);
            st.executeUpdate();
        }
    }

    private static String kind(RunEvent event) {
        String kind = event.getClass().getSimpleName();
        return event instanceof RunEvent.Answered a ? kind + "(" + a.result().getClass().getSimpleName() + ")" : kind;
    }

    private static void effects(Connection c, RunState run, long version, RunEvent event, List<Effect> effects)
            throws SQLException {
        try (PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (message_id, run_id, topic, message_key,"
                + " causation_id, payload, not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement task = c.prepareStatement("INSERT INTO run_task (run_id, kind, created_at) VALUES (?, ?, ?)")) {
            for (Effect effect : effects) {
                switch (effect) {
                    case Effect.Send s -> {
                        outbox.setObject(1, MessageIds.forAttempt(s.command().commandId(), s.command().attempt()));
                        outbox.setString(2, run.runId());
                        outbox.setString(3, CommandTopics.of(s.command().message()));
                        outbox.setString(4, s.command().message().key());
                        outbox.setObject(5, s.command().causationId());
                        outbox.setString(6, Json.toJson(s.command().message()));
                        outbox.setTimestamp(7, Timestamp.from(event.at().plus(s.delay())));
                        outbox.setTimestamp(8, Timestamp.from(event.at()));
                        outbox.addBatch();
                    }
                    case Effect.Announce a -> {
                        // One announcement per change of the run: its id follows from the run and the version.
                        outbox.setObject(1, MessageIds.uuidV5(MessageIds.FERRY_NAMESPACE, "status/" + run.runId() + "/"
                                + version));
                        outbox.setString(2, run.runId());
                        outbox.setString(3, Topics.RUNS);
                        outbox.setString(4, a.change().key());
                        outbox.setObject(5, event.id());
                        outbox.setString(6, Json.toJson(a.change()));
                        outbox.setTimestamp(7, Timestamp.from(event.at()));
                        outbox.setTimestamp(8, Timestamp.from(event.at()));
                        outbox.addBatch();
                    }
                    case Effect.WriteReport r -> addTask(task, run.runId(), "report", event.at());
                    case Effect.CleanRawStaging r -> addTask(task, run.runId(), "clean-raw-staging", event.at());
                }
            }
            outbox.executeBatch();
            task.executeBatch();
        }
    }

    private static void addTask(PreparedStatement task, String runId, String kind, Instant at) throws SQLException {
        task.setString(1, runId);
        task.setString(2, kind);
        task.setTimestamp(3, Timestamp.from(at));
        task.addBatch();
    }

    public Optional<RunState> find(String runId) throws SQLException {
        try (Connection c = db.getConnection()) {
            return find(c, runId);
        }
    }

    private static Optional<RunState> find(Connection c, String runId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT state FROM run WHERE run_id = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(StateJson.read(runId, rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** The run's audit trail, oldest first. */
    public List<AuditEntry> audit(String runId) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT seq, event_id, kind,"
                + " actor, at, what, status FROM run_event WHERE run_id = ? ORDER BY seq")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return entries;
    }

    /** The run an event created or changed, by the event's id: how a repeated request finds its run. */
    public Optional<String> runOf(UUID eventId) throws SQLException {
        try (Connection c = db.getConnection()) {
            return runOf(c, eventId);
        }
    }

    private static Optional<String> runOf(Connection c, UUID eventId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT run_id FROM processed_message WHERE message_id = ?")) {
            st.setObject(1, eventId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The district's last run that ended loaded into CERT: what a refresh replaces. */
    public Optional<String> lastLoaded(String district) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT run_id, state FROM run"
                + " WHERE district = ? AND status = 'SUCCEEDED' ORDER BY created_at DESC, run_id DESC")) {
            st.setString(1, district);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (StateJson.read(rs.getString(1), rs.getString(2)).options().loads()) {
                        return Optional.of(rs.getString(1));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The district's runs under this spec hash whose leak check passed (their anonymized batches were complete and
     * clean when they were made), newest first: what {@code reuseExtraction} may copy, if their batches are still kept.
     */
    public List<RunState> leakChecked(String district, String specHash) throws SQLException {
        List<RunState> found = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT r.run_id, r.state"
                + " FROM run r WHERE r.district = ? AND r.state->>'specHash' = ? AND EXISTS (SELECT 1 FROM run_event e"
                + " WHERE e.run_id = r.run_id AND e.kind = 'Answered(LeakCheckResult)' AND e.payload->>'status' = 'PASSED')"
                + " ORDER BY r.created_at DESC, r.run_id DESC")) {
            st.setString(1, district);
            st.setString(2, specHash);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(StateJson.read(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return found;
    }

    /** The highest run id taken in the second {@code prefix} names ({@code mig-yyyyMMddHHmmss-}). */
    public Optional<String> lastRunId(String prefix) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT max(run_id) FROM run WHERE run_id LIKE ?")) {
            st.setString(1, prefix + "%");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1));
            }
        }
    }

    /**
     * Runs, newest first, optionally of one status and one district.
     *
     * @param page from 0
     */
    public List<RunState> list(String status, String district, int page, int size) throws SQLException {
        List<RunState> runs = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT run_id, state FROM run"
                + " WHERE (?::text IS NULL OR status = ?) AND (?::text IS NULL OR district = ?)"
                + " ORDER BY created_at DESC, run_id DESC LIMIT ? OFFSET ?")) {
            st.setString(1, status);
            st.setString(2, status);
            st.setString(3, district);
            st.setString(4, district);
            st.setInt(5, size);
            st.setLong(6, (long) page * size);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    runs.add(StateJson.read(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return runs;
    }

    /** The phase services' answers the run applied, in order (ignored and redelivered ones left out). */
    public List<Message> results(String runId) throws SQLException {
        List<Message> results = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT kind, payload FROM"
                + " run_event WHERE run_id = ? AND payload IS NOT NULL ORDER BY seq")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    results.add(Json.fromJson(rs.getString(2), RESULT_TYPES.get(kind.substring(kind.indexOf('(') + 1,
                            kind.length() - 1))));
                }
            }
        }
        return results;
    }

    private static Optional<String> activeRun(Connection c, String district) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT run_id FROM run WHERE district = ? AND status = ANY (?)")) {
            st.setString(1, district);
            st.setArray(2, c.createArrayOf("text", Arrays.stream(RunStatus.values()).filter(RunStatus::isActive)
                    .map(Enum::name).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether the failure is the run table's primary key: a run id another start took first. */
    public static boolean runIdTaken(SQLException e) {
        return "run_pkey".equals(constraint(e));
    }

    private static String constraint(SQLException e) {
        return e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getConstraint() : null;
    }
}
