package io.ferry.loader.load;

import io.ferry.cert.PostgresTarget;
import io.ferry.cert.TargetRefusedException;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a run back out of one PostgreSQL store: deletes every row the ledger says the run inserted, children
 * first, and marks the run {@code compensated}, in one transaction. User triggers are suppressed
 * ({@code session_replication_role = replica}): the ledger is the truth, and a trigger that writes elsewhere
 * on delete would leave CERT different from before the run. That also silences foreign-key actions, so before
 * commit it checks, set-based, that no ledger row is left. Idempotent: a run already compensated, or never
 * loaded into this store, changes nothing.
 */
public final class PgCompensation {

    private final LoadTimeouts timeouts;

    public PgCompensation(LoadTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    /**
     * @param schemas the store's schemas, as the spec lists them
     * @return per table, the rows deleted (empty when there was nothing to do)
     * @throws TargetRefusedException a store without Ferry's marker
     * @throws LoadRefusedException   a run that updated rows (restoring before-images is not implemented yet)
     * @throws LoadFailedException    the transaction failed and was rolled back
     */
    public Map<TableId, Long> compensate(Connection cert, String store, List<String> schemas, String runId)
            throws SQLException {
        if (PostgresTarget.marker(cert).isEmpty()) {
            throw new TargetRefusedException("store " + store + " (cert) has no Ferry environment marker: nothing of"
                    + " Ferry's is there to compensate");
        }
        cert.setAutoCommit(false);
        try {
            SessionSettings.apply(cert, timeouts);
            String status = status(cert, runId);
            if (status == null || status.equals("compensated")) {
                cert.rollback();
                return Map.of();
            }
            List<TableId> touched = new ArrayList<>();
            try (PreparedStatement st = cert.prepareStatement("SELECT DISTINCT table_name, action FROM ferry.ledger"
                    + " WHERE run_id = ?")) {
                st.setString(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (!rs.getString(2).equals("insert")) {
                            throw new LoadRefusedException(store, "run " + runId + " updated rows; restoring before-images"
                                    + " is not implemented yet");
                        }
                        List<String> parts = TableId.splitQualified(rs.getString(1));
                        touched.add(new TableId(store, parts.get(0), parts.get(1)));
                    }
                }
            }
            StoreSchema schema = new PostgresIntrospector().introspect(cert, store, schemas);
            for (TableId t : touched) {
                if (schema.table(t).isEmpty()) {
                    throw new LoadRefusedException(store, "the ledger of run " + runId + " names " + t.qualified()
                            + ", which CERT no longer has");
                }
            }
            try (Statement st = cert.createStatement()) {
                st.execute("SET LOCAL session_replication_role = replica");
            }
            Map<TableId, Long> deleted = new LinkedHashMap<>();
            for (TableId t : StoreOrder.forRemoval(schema, touched)) {
                deleted.put(t, delete(cert, runId, schema.table(t).orElseThrow()));
            }
            for (TableId t : touched) {
                remaining(cert, store, runId, schema.table(t).orElseThrow());
            }
            try (PreparedStatement st = cert.prepareStatement("UPDATE ferry.run SET status = 'compensated', finished_at ="
                    + " clock_timestamp() WHERE run_id = ?")) {
                st.setString(1, runId);
                st.executeUpdate();
            }
            cert.commit();
            return deleted;
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

    private static String status(Connection cert, String runId) throws SQLException {
        try (PreparedStatement st = cert.prepareStatement("SELECT status FROM ferry.run WHERE run_id = ? FOR UPDATE")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long delete(Connection cert, String runId, Table table) throws SQLException {
        LedgerKeys keys = new LedgerKeys(table);
        try (PreparedStatement st = cert.prepareStatement("DELETE FROM " + table.id().qualified() + " t USING"
                + " ferry.ledger l WHERE l.run_id = ? AND l.table_name = ? AND l.action = 'insert' AND "
                + keys.matches("t", "l"))) {
            st.setString(1, runId);
            st.setString(2, keys.tableName());
            return st.executeLargeUpdate();
        }
    }

    private static void remaining(Connection cert, String store, String runId, Table table) throws SQLException {
        LedgerKeys keys = new LedgerKeys(table);
        try (PreparedStatement st = cert.prepareStatement("SELECT count(*) FROM ferry.ledger l JOIN "
                + table.id().qualified() + " t ON " + keys.matches("t", "l") + " WHERE l.run_id = ? AND l.table_name = ?")) {
            st.setString(1, runId);
            st.setString(2, keys.tableName());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != 0) {
                    throw new LoadFailedException(store, table.id().qualified() + " still holds " + rs.getLong(1)
                            + " of run " + runId + "'s rows after deleting them; compensation was rolled back", null);
                }
            }
        }
    }
}
