package io.ferry.loader.load;

import io.ferry.cert.PostgresTarget;
import io.ferry.cert.TargetRefusedException;
import io.ferry.contracts.messages.CompensateResult.BlockedRow;
import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a run back out of one PostgreSQL store in one transaction (compensation after a failure and rollback of
 * a finished run are the same operation): the rows the ledger says it inserted are deleted and the rows it
 * updated get their before-images back (see {@link RunTakeOut}), the proof is checked and kept, and the run is
 * marked {@code compensated}. Rows testers changed or referenced since the load stop it ({@code BLOCKED}) unless
 * the request is forced. Idempotent: a run already taken out reports its kept proof, and a run never loaded into
 * this store changes nothing.
 *
 * <p>The proof, per touched table: the row count and checksum of what CERT holds under the run's ledger keys,
 * taken by the load before its rows went in ({@code before}, in the load's transaction) and here after the
 * take-out ({@code after}). They must be equal, or the transaction is rolled back.
 */
public final class PgCompensation {

    /** What happened, with the proof (empty when the run never reached this store). */
    public record Compensation(Outcome outcome, Map<TableId, TableProof> before, Map<TableId, TableProof> after,
            List<BlockedRow> blocked, Map<TableId, Undone> undone) {

        public Compensation {
            before = Map.copyOf(before);
            after = Map.copyOf(after);
            blocked = List.copyOf(blocked);
            undone = Map.copyOf(undone);
        }
    }

    public enum Outcome {
        /** Taken out now. */
        COMPENSATED,
        /** Taken out earlier (compensated or superseded); the proof is the one kept then. */
        ALREADY_COMPENSATED,
        /** The run never committed anything to this store. */
        NOT_LOADED,
        /** Testers changed or referenced loaded rows and the request was not forced; nothing changed. */
        BLOCKED
    }

    /** Per table: rows deleted (the run's inserts) and rows restored (before-images of its updates). */
    public record Undone(long deleted, long restored) {
    }

    private final LoadTimeouts timeouts;

    public PgCompensation(LoadTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    /**
     * @param schemas the store's schemas, as the spec lists them
     * @param force   go past changed and referenced rows, keeping their images in {@code ferry.forced_image}
     * @throws TargetRefusedException a store without Ferry's marker
     * @throws LoadRefusedException   the ledger names a table CERT no longer has
     * @throws LoadFailedException    the transaction failed, or its proof did not hold, and was rolled back
     */
    public Compensation compensate(Connection cert, String store, List<String> schemas, String runId, boolean force)
            throws SQLException {
        if (PostgresTarget.marker(cert).isEmpty()) {
            throw new TargetRefusedException("store " + store + " (cert) has no Ferry environment marker: nothing of"
                    + " Ferry's is there to compensate");
        }
        cert.setAutoCommit(false);
        try {
            SessionSettings.apply(cert, timeouts);
            String status = lockRun(cert, runId);
            if (status == null) {
                // Its failed attempts' marks for the stores that waited for its key maps go with it.
                DecidedMaps.retire(cert, runId);
                cert.commit();
                return new Compensation(Outcome.NOT_LOADED, Map.of(), Map.of(), List.of(), Map.of());
            }
            if (!status.equals("loaded")) {
                Compensation kept = new Compensation(Outcome.ALREADY_COMPENSATED, proofs(cert, runId, "before"),
                        proofs(cert, runId, "after"), List.of(), Map.of());
                cert.rollback();
                return kept;
            }
            StoreSchema schema = new PostgresIntrospector().introspect(cert, store, schemas);
            RunTakeOut out = RunTakeOut.of(cert, store, schema, runId);
            List<BlockedRow> blocked = out.blocked();
            if (!blocked.isEmpty() && !force) {
                cert.rollback();
                return new Compensation(Outcome.BLOCKED, Map.of(), Map.of(), blocked, Map.of());
            }
            if (!blocked.isEmpty()) {
                out.force();
            }
            Map<TableId, Undone> undone = undo(out);
            Map<TableId, TableProof> before = proofs(cert, runId, "before");
            Map<TableId, TableProof> after = checkedProofs(store, runId, out, before);
            keep(cert, runId, after);
            mark(cert, runId, "compensated", null);
            cert.commit();
            return new Compensation(Outcome.COMPENSATED, before, after, blocked, undone);
        } catch (SQLException | RuntimeException e) {
            cert.rollback();
            if (e instanceof SQLException sql) {
                throw new LoadFailedException(store, "compensating run " + runId + " failed and was rolled back ("
                        + Failures.describe(sql) + ")", e);
            }
            throw e;
        } finally {
            cert.setAutoCommit(true);
        }
    }

    /**
     * When the run's load into this store committed; empty when it is not loaded here (never, rolled back, or
     * taken out already). Compensation takes stores out latest first.
     */
    public static Optional<Instant> loadedAt(Connection cert, String runId) throws SQLException {
        if (PostgresTarget.marker(cert).isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement st = cert.prepareStatement("SELECT finished_at FROM ferry.run WHERE run_id = ?"
                + " AND status = 'loaded'")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    /**
     * The rows that would stop compensating the run in this store (nothing is changed): to check every store
     * before the first one is taken out. Empty when the run is not loaded here.
     */
    public List<BlockedRow> blocked(Connection cert, String store, List<String> schemas, String runId)
            throws SQLException {
        if (PostgresTarget.marker(cert).isEmpty()) {
            return List.of();
        }
        cert.setAutoCommit(false);
        try {
            SessionSettings.apply(cert, timeouts);
            if (!"loaded".equals(lockRun(cert, runId))) {
                return List.of();
            }
            StoreSchema schema = new PostgresIntrospector().introspect(cert, store, schemas);
            return RunTakeOut.of(cert, store, schema, runId).blocked();
        } finally {
            cert.rollback();
            cert.setAutoCommit(true);
        }
    }

    /**
     * A refresh's first half, inside the new run's load transaction: takes the replaced run out of the store and
     * marks it {@code superseded} by the new one. Rows testers changed or referenced refuse the refresh; a
     * replaced run that never reached this store, or is already out, leaves nothing to do.
     */
    static void supersede(Connection cert, String store, StoreSchema schema, String replaced, String by)
            throws SQLException {
        String status = lockRun(cert, replaced);
        if (status == null || !status.equals("loaded")) {
            return;
        }
        RunTakeOut out = RunTakeOut.of(cert, store, schema, replaced);
        List<BlockedRow> blocked = out.blocked();
        if (!blocked.isEmpty()) {
            throw new LoadRefusedException(store, "run " + replaced + ", which this refresh replaces, has rows testers"
                    + " changed or reference since it loaded (" + blocked.size() + " listed, first: " + blocked.get(0).table()
                    + " " + blocked.get(0).key() + "); roll it back with --force first, or ask the testers");
        }
        undo(out);
        keep(cert, replaced, checkedProofs(store, replaced, out, proofs(cert, replaced, "before")));
        mark(cert, replaced, "superseded", by);
    }

    private static Map<TableId, Undone> undo(RunTakeOut out) throws SQLException {
        Map<TableId, Undone> undone = new LinkedHashMap<>();
        out.apply().forEach((t, n) -> undone.put(t, new Undone(n[0], n[1])));
        return undone;
    }

    /** The proof after the take-out, which must equal the one the load took before it wrote. */
    private static Map<TableId, TableProof> checkedProofs(String store, String runId, RunTakeOut out,
            Map<TableId, TableProof> before) throws SQLException {
        Map<TableId, TableProof> after = out.proofs();
        for (Map.Entry<TableId, TableProof> e : after.entrySet()) {
            TableProof was = before.get(e.getKey());
            if (was != null && !was.equals(e.getValue())) {
                throw new LoadFailedException(store, e.getKey().qualified() + " would hold " + e.getValue().rows()
                        + " row(s) under run " + runId + "'s ledger keys after compensation, checksum " + e.getValue().checksum()
                        + ", where it held " + was.rows() + ", checksum " + was.checksum() + ", before the load;"
                        + " compensation was rolled back", null);
            }
        }
        return after;
    }

    private static String lockRun(Connection cert, String runId) throws SQLException {
        try (PreparedStatement st = cert.prepareStatement("SELECT status FROM ferry.run WHERE run_id = ? FOR UPDATE")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Map<TableId, TableProof> proofs(Connection cert, String runId, String phase) throws SQLException {
        String store = PostgresTarget.marker(cert).orElseThrow();
        Map<TableId, TableProof> proofs = new LinkedHashMap<>();
        try (PreparedStatement st = cert.prepareStatement("SELECT table_name, rows, checksum FROM ferry.run_proof"
                + " WHERE run_id = ? AND phase = ? ORDER BY table_name")) {
            st.setString(1, runId);
            st.setString(2, phase);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    List<String> parts = TableId.splitQualified(rs.getString(1));
                    proofs.put(new TableId(store, parts.get(0), parts.get(1)), new TableProof(rs.getLong(2), rs.getString(3)));
                }
            }
        }
        return proofs;
    }

    private static void keep(Connection cert, String runId, Map<TableId, TableProof> after) throws SQLException {
        try (PreparedStatement st = cert.prepareStatement("INSERT INTO ferry.run_proof (run_id, table_name, phase, rows,"
                + " checksum) VALUES (?, ?, 'after', ?, ?)")) {
            for (Map.Entry<TableId, TableProof> e : after.entrySet()) {
                st.setString(1, runId);
                st.setString(2, e.getKey().qualified());
                st.setLong(3, e.getValue().rows());
                st.setString(4, e.getValue().checksum());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static void mark(Connection cert, String runId, String status, String supersededBy) throws SQLException {
        try (PreparedStatement st = cert.prepareStatement("UPDATE ferry.run SET status = ?, superseded_by = ?,"
                + " taken_out_at = clock_timestamp() WHERE run_id = ?")) {
            st.setString(1, status);
            st.setString(2, supersededBy);
            st.setString(3, runId);
            st.executeUpdate();
        }
        // A run taken out shares no row any more, and no run shares its rows (a forced take-out went past them).
        try (PreparedStatement st = cert.prepareStatement("DELETE FROM ferry.shared_row WHERE run_id = ? OR owner_run = ?")) {
            st.setString(1, runId);
            st.setString(2, runId);
            st.executeUpdate();
        }
    }
}
