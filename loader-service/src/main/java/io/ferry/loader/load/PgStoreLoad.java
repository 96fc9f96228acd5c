package io.ferry.loader.load;

import io.ferry.cert.DatabaseIdentity;
import io.ferry.cert.PostgresTarget;
import io.ferry.cert.TargetRefusedException;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.mapping.MappingIssue;
import io.ferry.schema.mapping.SchemaMapping;
import io.ferry.schema.mapping.TableMapping;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.StagedTable;
import io.ferry.spec.model.ConflictStrategy;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads one PostgreSQL store's part of a run into CERT in one transaction, so CERT's users see all of it or
 * none: guards, the run's row in {@code ferry.run}, every table in CERT's dependency order with constraints
 * deferred, one ledger row per inserted row, and before commit a set-based check that CERT holds, through the
 * ledger, exactly as many rows per table as the batches carried. This increment loads with the {@code insert}
 * strategy only: a key CERT already holds fails the store and rolls everything back.
 */
public final class PgStoreLoad {

    private final LoadTimeouts timeouts;

    public PgStoreLoad(LoadTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    /**
     * @param cert   a session on the store's CERT database; left in auto-commit mode afterwards
     * @param prod   the identities of the spec's PROD databases (CERT must be none of them)
     * @param staged the run's staged tables (other stores' are ignored)
     * @return per loaded table, the rows inserted
     * @throws TargetRefusedException a store in recovery, without Ferry's marker (or another store's), or PROD's
     * @throws LoadRefusedException   a table or run this loader will not load; nothing was written
     * @throws LoadFailedException    the transaction failed and was rolled back
     */
    public List<TableCounts> load(Connection cert, Spec spec, String storeName, List<DatabaseIdentity> prod, RunInfo run,
            Map<TableId, StagedTable> staged) throws SQLException {
        Store store = spec.store(storeName).orElseThrow(() -> new LoadRefusedException(storeName, "the spec has no such store"));
        guard(cert, storeName, prod);
        Map<TableId, StagedTable> tables = new LinkedHashMap<>();
        staged.forEach((id, t) -> {
            if (id.store().equals(storeName) && !t.graph()) {
                tables.put(id, t);
            }
        });
        cert.setAutoCommit(false);
        try {
            SessionSettings.apply(cert, timeouts);
            StoreSchema schema = new PostgresIntrospector().introspect(cert, storeName, store.schemas());
            Map<TableId, TableMapping> mappings = mappings(spec, schema, tables);
            List<TableId> order = StoreOrder.forLoad(schema, tables.keySet());
            begin(cert, storeName, run);
            try (Statement st = cert.createStatement()) {
                st.execute("SET CONSTRAINTS ALL DEFERRED");
            }
            List<TableCounts> counts = new ArrayList<>();
            for (TableId id : order) {
                long inserted = insert(cert, storeName, run, tables.get(id), schema.table(id).orElseThrow(), mappings.get(id));
                counts.add(new TableCounts(id.schema(), id.name(), BatchKind.TABLE, inserted, 0, 0, 0));
            }
            for (TableId id : order) {
                checkHeld(cert, storeName, run.runId(), schema.table(id).orElseThrow(), tables.get(id).rows());
            }
            try (PreparedStatement st = cert.prepareStatement("UPDATE ferry.run SET status = 'loaded', finished_at ="
                    + " clock_timestamp() WHERE run_id = ?")) {
                st.setString(1, run.runId());
                st.executeUpdate();
            }
            commit(cert, storeName);
            return counts;
        } catch (SQLException | RuntimeException e) {
            cert.rollback();
            if (e instanceof SQLException sql) {
                throw new LoadFailedException(storeName, "the load failed and was rolled back (" + Failures.describe(sql)
                        + ")", e);
            }
            throw e;
        } finally {
            cert.setAutoCommit(true);
        }
    }

    private static void guard(Connection cert, String store, List<DatabaseIdentity> prod) throws SQLException {
        PostgresTarget.guard(store, cert, prod);
        Optional<String> marker = PostgresTarget.marker(cert);
        if (marker.isEmpty()) {
            throw new TargetRefusedException("store " + store + " (cert) has no Ferry environment marker: Ferry loads"
                    + " only into a store prepared with ferry init-target");
        }
        if (!marker.get().equals(store)) {
            throw new TargetRefusedException("store " + store + " (cert) is marked as CERT store " + marker.get()
                    + ": check the spec's cert connection");
        }
    }

    /** The same mapping the validator computed, over CERT as it is now; a table it cannot load stops the store. */
    private static Map<TableId, TableMapping> mappings(Spec spec, StoreSchema schema, Map<TableId, StagedTable> tables) {
        Map<TableId, TableMapping> mappings = new LinkedHashMap<>();
        for (StagedTable t : tables.values()) {
            ConflictStrategy strategy = spec.load().keys().getOrDefault(t.id(), spec.load().conflict());
            if (strategy != ConflictStrategy.INSERT) {
                throw new LoadRefusedException(t.id().store(), t.id().qualified() + " loads with the " + strategy.word()
                        + " strategy, which this loader does not implement yet (insert only)");
            }
            TableMapping mapping = SchemaMapping.map(spec.drift(), t.id(), t.prodColumns(), schema.table(t.id()).orElse(null));
            if (!mapping.loadable()) {
                String issues = String.join("; ", mapping.issues().stream().filter(MappingIssue::error)
                        .map(MappingIssue::message).toList());
                throw new LoadRefusedException(t.id().store(), t.id().qualified() + " cannot be loaded: " + issues);
            }
            mappings.put(t.id(), mapping);
        }
        return mappings;
    }

    private static void begin(Connection cert, String store, RunInfo run) throws SQLException {
        try (PreparedStatement st = cert.prepareStatement("SELECT status FROM ferry.run WHERE run_id = ?")) {
            st.setString(1, run.runId());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    throw new LoadRefusedException(store, "run " + run.runId() + " is already recorded here with status "
                            + rs.getString(1));
                }
            }
        }
        try (PreparedStatement st = cert.prepareStatement("INSERT INTO ferry.run (run_id, district, spec_hash,"
                + " key_version, requested_by, status) VALUES (?, ?, ?, ?, ?, 'loading')")) {
            st.setString(1, run.runId());
            st.setString(2, run.district());
            st.setString(3, run.specHash());
            st.setInt(4, run.keyVersion());
            st.setString(5, run.requestedBy());
            st.executeUpdate();
        }
    }

    private static long insert(Connection cert, String store, RunInfo run, StagedTable staged, Table target,
            TableMapping mapping) {
        try {
            return new TableLoad(cert, staged, target, mapping).insert(run.runId());
        } catch (SQLException e) {
            throw new LoadFailedException(store, "loading " + target.id().qualified() + " failed and the store was rolled"
                    + " back (" + Failures.describe(e) + ")", e);
        }
    }

    /** Counts, through the ledger, the run's rows that CERT holds: the batches' rows must all be there. */
    private static void checkHeld(Connection cert, String store, String runId, Table table, long expected)
            throws SQLException {
        LedgerKeys keys = new LedgerKeys(table);
        try (PreparedStatement st = cert.prepareStatement("SELECT count(*) FROM ferry.ledger l JOIN "
                + table.id().qualified() + " t ON " + keys.matches("t", "l") + " WHERE l.run_id = ? AND l.table_name = ?")) {
            st.setString(1, runId);
            st.setString(2, keys.tableName());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long held = rs.getLong(1);
                if (held != expected) {
                    throw new LoadFailedException(store, table.id().qualified() + " holds " + held + " of the run's rows"
                            + " after loading, the batches carry " + expected + "; the store was rolled back", null);
                }
            }
        }
    }

    /** Deferred constraints are checked here: a reference that does not hold fails the commit. */
    private static void commit(Connection cert, String store) {
        try {
            cert.commit();
        } catch (SQLException e) {
            throw new LoadFailedException(store, "the commit failed and the store was rolled back ("
                    + Failures.describe(e) + ")", e);
        }
    }
}
