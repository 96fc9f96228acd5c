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
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.StepTimes;
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
 * none: guards, the run's row in {@code ferry.run}, for a refresh the replaced run taken out (an atomic swap),
 * every table staged into a temporary table, the run's key maps (fresh keys for remapped tables, CERT's keys for
 * skipped rows it already holds, other stores' maps read in), kept in {@code ferry.key_map} and handed to
 * {@link Decisions} for the stores that reference this one, then every table in CERT's dependency order with
 * constraints deferred and references rewritten through the maps, one ledger row per written row, the fix-ups of
 * nullable cycles, and before commit the set-based foreign-key checks of tables loaded with the replica role and,
 * per table, that CERT holds every row the ledger names with the batches' canonical checksum.
 */
public final class PgStoreLoad {

    /**
     * Hears the key maps of the store's remapped tables once the load decided them, before it commits: the loader
     * publishes them ({@link DecidedMaps}) so that the stores referencing this one load beside it (ADR 4).
     */
    public interface Decisions {

        /** @param maps per remapped table, what {@link RunKeyMap#read} will give after the commit */
        void decided(Map<TableId, Map<String, String>> maps) throws SQLException;
    }

    private final LoadTimeouts timeouts;
    private final Decisions decisions;
    private StepTimes steps = new StepTimes();

    public PgStoreLoad(LoadTimeouts timeouts) {
        this(timeouts, maps -> { });
    }

    public PgStoreLoad(LoadTimeouts timeouts, Decisions decisions) {
        this.timeouts = timeouts;
        this.decisions = decisions;
    }

    /**
     * Each step of the last load and its time (plan, copy, key maps, insert, fix-ups, reference check, verify, commit:
     * the deferred constraints are checked there), for benchmarks and logs.
     */
    public StepTimes steps() {
        return steps;
    }

    /**
     * @param cert    a session on the store's CERT database; left in auto-commit mode afterwards
     * @param prod    the identities of the spec's PROD databases (CERT must be none of them)
     * @param staged  the run's staged tables (other stores' are ignored)
     * @param foreign the key maps of other stores' remapped tables this store's rows reference (see
     *                {@link ForeignMap#needed}); a needed one missing refuses the load
     * @return per loaded table, the rows inserted, updated, remapped and skipped
     * @throws TargetRefusedException a store in recovery, without Ferry's marker (or another store's), or PROD's
     * @throws LoadRefusedException   a table or run this loader will not load; nothing was written
     * @throws LoadFailedException    the transaction failed and was rolled back
     */
    public List<TableCounts> load(Connection cert, Spec spec, String storeName, List<DatabaseIdentity> prod, RunInfo run,
            Map<TableId, StagedTable> staged, List<ForeignMap> foreign) throws SQLException {
        Store store = spec.store(storeName).orElseThrow(() -> new LoadRefusedException(storeName, "the spec has no such store"));
        for (TableId needed : ForeignMap.needed(spec, storeName)) {
            if (foreign.stream().noneMatch(f -> f.table().equals(needed))) {
                throw new LoadRefusedException(storeName, "the store references " + needed + ", whose keys are remapped:"
                        + " its key map must be read from store " + needed.store() + " first (load that store first)");
            }
        }
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
            steps = new StepTimes();
            StoreSchema schema = new PostgresIntrospector().introspect(cert, storeName, store.schemas());
            Map<TableId, TableMapping> mappings = mappings(spec, schema, tables);
            StoreOrder.Order order = StoreOrder.forLoad(schema, tables.keySet());
            List<TableLoad> loads = plan(cert, spec, schema, tables, mappings, order, foreign);
            begin(cert, storeName, run);
            if (run.replaces() != null) {
                PgCompensation.supersede(cert, storeName, schema, run.replaces(), run.runId());
            }
            try (Statement st = cert.createStatement()) {
                st.execute("SET CONSTRAINTS ALL DEFERRED");
            }
            steps.mark("plan");
            RunKeyMap keyMap = RunKeyMap.create(cert, run.district(), run.runId());
            for (ForeignMap f : foreign) {
                keyMap.load(f.table(), f.keys());
            }
            for (TableLoad load : loads) {
                load.stage();
            }
            steps.mark("copy");
            for (TableLoad load : loads) {
                load.mapKeys(keyMap);
            }
            keyMap.analyze();
            for (TableLoad load : loads) {
                load.findShared(run.district());
            }
            // The maps are final here (the inserts only follow them), so they are kept now and published for the
            // stores that reference this one.
            Map<TableId, Map<String, String>> decided = new LinkedHashMap<>();
            for (TableLoad load : loads) {
                load.recordShared(run.runId(), run.district());
                if (load.plan().remap()) {
                    keyMap.persist(schema.table(load.id()).orElseThrow());
                    decided.put(load.id(), RunKeyMap.read(cert, run.district(), load.id()));
                }
            }
            if (!decided.isEmpty()) {
                decisions.decided(decided);
            }
            steps.mark("key maps");
            Map<TableLoad, TableLoad.Counts> written = new LinkedHashMap<>();
            for (List<TableId> step : order.steps()) {
                List<TableLoad> together = loads.stream().filter(l -> step.contains(l.id())).toList();
                List<TableLoad.Counts> counted = insert(cert, storeName, run, together);
                for (int i = 0; i < together.size(); i++) {
                    written.put(together.get(i), counted.get(i));
                }
            }
            steps.mark("insert");
            for (TableLoad load : loads) {
                load.fixUp(run.runId(), spec.load().triggers(load.id()));
            }
            steps.mark("fix-ups");
            for (TableLoad load : loads) {
                load.checkReferences();
            }
            steps.mark("reference check");
            List<TableCounts> counts = new ArrayList<>();
            for (Map.Entry<TableLoad, TableLoad.Counts> e : written.entrySet()) {
                TableLoad.Counts c = e.getValue();
                TableId id = e.getKey().id();
                String checksum = e.getKey().verify(c.skipped());
                counts.add(new TableCounts(id.schema(), id.name(), BatchKind.TABLE, c.inserted(), c.updated(),
                        c.remapped(), c.skipped(), checksum));
            }
            steps.mark("verify");
            keepCounts(cert, run.runId(), counts);
            DecidedMaps.retire(cert, run.runId());
            try (PreparedStatement st = cert.prepareStatement("UPDATE ferry.run SET status = 'loaded', finished_at ="
                    + " clock_timestamp() WHERE run_id = ?")) {
                st.setString(1, run.runId());
                st.executeUpdate();
            }
            commit(cert, storeName);
            steps.mark("commit");
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

    /**
     * What an earlier load of the run committed to this store, as it reported it; empty when the run is not
     * loaded here (never, or rolled back). A redelivered request is answered from this instead of loading again.
     *
     * @throws LoadRefusedException the run was loaded here and taken out since (compensated or superseded)
     */
    public static Optional<List<TableCounts>> loadedBefore(Connection cert, String store, String runId)
            throws SQLException {
        String status;
        try (PreparedStatement st = cert.prepareStatement("SELECT status FROM ferry.run WHERE run_id = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                status = rs.getString(1);
            }
        }
        if (!status.equals("loaded")) {
            throw new LoadRefusedException(store, "run " + runId + " was loaded here and is " + status
                    + " since; loading it again needs a new run");
        }
        List<TableCounts> counts = new ArrayList<>();
        try (PreparedStatement st = cert.prepareStatement("SELECT table_name, inserted, updated, remapped, skipped,"
                + " checksum FROM ferry.run_count WHERE run_id = ? ORDER BY position")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    List<String> name = TableId.splitQualified(rs.getString(1));
                    counts.add(new TableCounts(name.get(0), name.get(1), BatchKind.TABLE, rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getString(6)));
                }
            }
        }
        return Optional.of(counts);
    }

    private static void keepCounts(Connection cert, String runId, List<TableCounts> counts) throws SQLException {
        try (PreparedStatement st = cert.prepareStatement("INSERT INTO ferry.run_count (run_id, table_name, position,"
                + " inserted, updated, remapped, skipped, checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (TableCounts c : counts) {
                st.setString(1, runId);
                st.setString(2, TableId.quote(c.schema()) + "." + TableId.quote(c.table()));
                st.setInt(3, position++);
                st.setLong(4, c.inserted());
                st.setLong(5, c.updated());
                st.setLong(6, c.remapped());
                st.setLong(7, c.skipped());
                st.setString(8, c.checksum());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /**
     * Each table's load: its key plan, the references that go through a key map (CERT's foreign keys and the
     * spec's links from it; a remapped table's own key too) and the cycle references it inserts as NULL first.
     */
    private static List<TableLoad> plan(Connection cert, Spec spec, StoreSchema schema, Map<TableId, StagedTable> tables,
            Map<TableId, TableMapping> mappings, StoreOrder.Order order, List<ForeignMap> foreign) {
        Map<TableId, KeyPlan> plans = new LinkedHashMap<>();
        Map<TableId, String> mapped = new LinkedHashMap<>();
        for (TableId id : order.tables()) {
            KeyPlan plan = KeyPlan.of(schema.table(id).orElseThrow(), strategy(spec, id));
            plans.put(id, plan);
            if (plan.mapColumn() != null) {
                mapped.put(id, plan.mapColumn());
            }
        }
        foreign.forEach(f -> mapped.put(f.table(), f.column()));
        List<Reference> references = new ArrayList<>(schema.references());
        spec.specReferences(new EstateSchema(List.of(schema), List.of())).stream()
                .filter(r -> r.from().store().equals(schema.store())).forEach(references::add);
        Map<TableId, List<Rewrite>> rewrites = Rewrite.of(references, mapped);
        List<TableLoad> loads = new ArrayList<>();
        int index = 0;
        for (TableId id : order.tables()) {
            KeyPlan plan = plans.get(id);
            List<Rewrite> own = new ArrayList<>(rewrites.getOrDefault(id, List.of()));
            if (plan.remap()) {
                own.removeIf(r -> r.column().equals(plan.mapColumn()) && !r.json());
                own.add(new Rewrite(plan.mapColumn(), List.of(), id));
            }
            loads.add(new TableLoad(cert, tables.get(id), schema.table(id).orElseThrow(), mappings.get(id), plan, own,
                    order.nullFirst().getOrDefault(id, List.of()), index++));
        }
        return loads;
    }

    private static ConflictStrategy strategy(Spec spec, TableId id) {
        return spec.load().keys().getOrDefault(id, spec.load().conflict());
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

    private static List<TableLoad.Counts> insert(Connection cert, String store, RunInfo run, List<TableLoad> together) {
        try {
            return TableLoad.insertTogether(cert, run.runId(), together);
        } catch (SQLException e) {
            throw new LoadFailedException(store, "loading " + String.join(", ", together.stream().map(l -> l.id()
                    .qualified()).toList()) + " failed and the store was rolled back (" + Failures.describe(e) + ")", e);
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
