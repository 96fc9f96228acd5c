package io.ferry.loader.load;

import io.ferry.cert.LedgerKeys;
import io.ferry.contracts.messages.CompensateResult.BlockedRow;
import io.ferry.contracts.messages.CompensateResult.Cause;
import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Reference;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes one run's rows out of one PostgreSQL store, inside a transaction its caller owns: the work shared by
 * compensation, rollback and a refresh's swap. The run's ledger keys are collected per table into temporary
 * tables ({@code ferry_run_rows_N}) once, and every step joins them.
 *
 * <p>Before anything changes it finds what would make the take-out lose a tester's work: a row the run wrote
 * that differs from its ledger hash (changed or deleted since the load), and a row the run inserted that a row
 * outside the run references through one of CERT's foreign keys. Forced, it keeps the changed rows' current
 * images and deletes the referencing rows (and, transitively, rows referencing those) after keeping theirs in
 * {@code ferry.forced_image}, so no reference is left dangling and nothing is lost.
 *
 * <p>The take-out itself runs with user triggers suppressed (Ferry's own bookkeeping, not a change triggers
 * should act on): inserted rows deleted, updated rows replaced by their before-images, then a set-based check
 * that no ledger row is left and no foreign key points at a deleted row, since suppressing triggers also
 * suppresses foreign-key checks.
 */
final class RunTakeOut {

    /** At most this many blocked rows are listed per table and cause; the count says how many there are. */
    static final int LISTED = 100;

    private final Connection cert;
    private final String store;
    private final StoreSchema schema;
    private final String runId;
    private final Map<TableId, String> collected = new LinkedHashMap<>();
    private final Set<TableId> forcedTables = new LinkedHashSet<>();

    private RunTakeOut(Connection cert, String store, StoreSchema schema, String runId) {
        this.cert = cert;
        this.store = store;
        this.schema = schema;
        this.runId = runId;
    }

    /** The run's tables in this store (those its load recorded a proof or a ledger row for), keys collected. */
    static RunTakeOut of(Connection cert, String store, StoreSchema schema, String runId) throws SQLException {
        RunTakeOut out = new RunTakeOut(cert, store, schema, runId);
        for (String name : tableNames(cert, runId)) {
            List<String> parts = TableId.splitQualified(name);
            TableId id = new TableId(store, parts.get(0), parts.get(1));
            Table table = schema.table(id).orElseThrow(() -> new LoadRefusedException(store, "the ledger of run " + runId
                    + " names " + id.qualified() + ", which CERT no longer has"));
            String temp = "ferry_run_rows_" + out.collected.size();
            new LedgerKeys(table).collect(cert, runId, null, temp);
            out.collected.put(id, temp);
        }
        return out;
    }

    private static List<String> tableNames(Connection cert, String runId) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement st = cert.prepareStatement("SELECT table_name FROM ferry.run_proof WHERE run_id = ?"
                + " AND phase = 'before' UNION SELECT DISTINCT table_name FROM ferry.ledger WHERE run_id = ? ORDER BY 1")) {
            st.setString(1, runId);
            st.setString(2, runId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    List<TableId> tables() {
        return List.copyOf(collected.keySet());
    }

    /** Rows that stop an unforced take-out: changed since the load, or referenced from outside the run. */
    List<BlockedRow> blocked() throws SQLException {
        List<BlockedRow> blocked = new ArrayList<>();
        for (Map.Entry<TableId, String> e : collected.entrySet()) {
            Table table = table(e.getKey());
            List<String> keys = strings("SELECT " + collectedKeyText(table, "g") + " FROM " + e.getValue() + " g WHERE " + changed(table,
                    "g") + " ORDER BY 1 LIMIT " + LISTED);
            keys.forEach(k -> blocked.add(new BlockedRow(store, e.getKey().qualified(), k, Cause.CHANGED_SINCE_LOAD)));
        }
        for (Reference r : incoming()) {
            Table to = table(r.to());
            List<String> keys = strings("SELECT DISTINCT " + keyText(to, "p") + " FROM " + referencing(r)
                    + " ORDER BY 1 LIMIT " + LISTED);
            keys.forEach(k -> blocked.add(new BlockedRow(store, r.to().qualified(), k, Cause.REFERENCED_FROM_OUTSIDE)));
        }
        for (BlockedRow b : sharedByOthers()) {
            if (!blocked.contains(b)) {
                blocked.add(b);
            }
        }
        return blocked;
    }

    /**
     * The run's rows that a live run of another district shares ({@code ferry.shared_row}): its other stores may
     * reference them where no foreign key of this one shows it.
     */
    private List<BlockedRow> sharedByOthers() throws SQLException {
        String sharing = " FROM ferry.shared_row s WHERE s.owner_run = " + LedgerKeys.literal(runId) + " AND s.run_id IN"
                + " (SELECT r.run_id FROM ferry.run r WHERE r.status = 'loaded')";
        List<BlockedRow> rows = new ArrayList<>();
        for (String name : strings("SELECT DISTINCT s.table_name" + sharing + " ORDER BY 1")) {
            List<String> parts = TableId.splitQualified(name);
            Table table = table(new TableId(store, parts.get(0), parts.get(1)));
            List<String> values = table.identity().stream().map(c -> "(s.row_key->>" + LedgerKeys.literal(c) + ")").toList();
            strings("SELECT DISTINCT " + text(values) + sharing + " AND s.table_name = " + LedgerKeys.literal(name)
                    + " ORDER BY 1 LIMIT " + LISTED)
                    .forEach(k -> rows.add(new BlockedRow(store, name, k, Cause.REFERENCED_FROM_OUTSIDE)));
        }
        return rows;
    }

    /**
     * For a forced take-out: keeps the current image of each changed row, and collects the rows outside the run
     * that reference the run's inserted rows, or rows collected so (until none is added), with their images.
     */
    void force() throws SQLException {
        for (Map.Entry<TableId, String> e : collected.entrySet()) {
            Table table = table(e.getKey());
            LedgerKeys keys = new LedgerKeys(table);
            try (PreparedStatement st = cert.prepareStatement("INSERT INTO ferry.forced_image (run_id, table_name, row_key,"
                    + " cause, image) SELECT ?, ?, " + keys.rowKey("t") + ", 'changed', to_jsonb(t) FROM "
                    + table.id().qualified() + " t JOIN " + e.getValue() + " g ON " + keys.matchesCollected("t", "g")
                    + " WHERE md5(t::text) <> g.row_hash")) {
                st.setString(1, runId);
                st.setString(2, keys.tableName());
                st.executeUpdate();
            }
        }
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE TEMP TABLE ferry_forced (table_name text NOT NULL, row_key jsonb NOT NULL, image jsonb"
                    + " NOT NULL) ON COMMIT DROP");
        }
        long added;
        do {
            added = 0;
            for (Reference r : references()) {
                if (collected.containsKey(r.to()) || forcedTables.contains(r.to())) {
                    long n = forceReferencing(r);
                    if (n > 0) {
                        forcedTables.add(r.from());
                        added += n;
                    }
                }
            }
        } while (added > 0);
        try (PreparedStatement st = cert.prepareStatement("INSERT INTO ferry.forced_image (run_id, table_name, row_key,"
                + " cause, image) SELECT ?, table_name, row_key, 'referenced', image FROM ferry_forced")) {
            st.setString(1, runId);
            st.executeUpdate();
        }
    }

    /** Adds to {@code ferry_forced} the rows of {@code r.from()} outside the run that reference a doomed row. */
    private long forceReferencing(Reference r) throws SQLException {
        Table from = table(r.from());
        Table to = table(r.to());
        LedgerKeys fromKeys = new LedgerKeys(from);
        LedgerKeys toKeys = new LedgerKeys(to);
        List<String> doomed = new ArrayList<>();
        if (collected.containsKey(r.to())) {
            doomed.add("EXISTS (SELECT 1 FROM " + collected.get(r.to()) + " g WHERE g.action = 'insert' AND "
                    + toKeys.matchesCollected("p", "g") + ")");
        }
        doomed.add("EXISTS (SELECT 1 FROM ferry_forced f WHERE f.table_name = " + LedgerKeys.literal(toKeys.tableName())
                + " AND " + toKeys.matches("p", "f") + ")");
        String sql = "INSERT INTO ferry_forced SELECT " + LedgerKeys.literal(fromKeys.tableName()) + ", "
                + fromKeys.rowKey("c") + ", to_jsonb(c) FROM " + from.id().qualified() + " c JOIN " + to.id().qualified()
                + " p ON " + join(r) + " WHERE (" + String.join(" OR ", doomed) + ")" + outsideRun(from, "c")
                + " AND NOT EXISTS (SELECT 1 FROM ferry_forced f WHERE f.table_name = "
                + LedgerKeys.literal(fromKeys.tableName()) + " AND " + fromKeys.matches("c", "f") + ")";
        try (Statement st = cert.createStatement()) {
            return st.executeLargeUpdate(sql);
        }
    }

    /**
     * Deletes the run's inserted rows, puts back the before-images of the rows it updated, deletes the rows a
     * forced take-out collected, and checks the result.
     *
     * @return per table, {deleted, restored}
     */
    Map<TableId, long[]> apply() throws SQLException {
        Map<TableId, long[]> done = new LinkedHashMap<>();
        try (Statement st = cert.createStatement()) {
            st.execute("SET LOCAL session_replication_role = replica");
            for (TableId id : StoreOrder.forRemoval(schema, tables())) {
                Table table = table(id);
                String delete = "DELETE FROM " + id.qualified() + " t USING " + collected.get(id) + " g WHERE "
                        + new LedgerKeys(table).matchesCollected("t", "g") + " AND g.action = ";
                long deleted = st.executeLargeUpdate(delete + "'insert'");
                st.executeLargeUpdate(delete + "'update'");
                done.put(id, new long[] {deleted, restore(table)});
            }
            for (TableId id : forcedTables) {
                LedgerKeys keys = new LedgerKeys(table(id));
                st.executeLargeUpdate("DELETE FROM " + id.qualified() + " t USING ferry_forced f WHERE f.table_name = "
                        + LedgerKeys.literal(keys.tableName()) + " AND " + keys.matches("t", "f"));
            }
            st.execute("SET LOCAL session_replication_role = origin");
        }
        for (Reference r : references()) {
            if (collected.containsKey(r.to()) || forcedTables.contains(r.to())) {
                long dangling = count(dangling(r));
                if (dangling > 0) {
                    throw new LoadFailedException(store, dangling + " row(s) of " + r.from().qualified() + " would reference"
                            + " rows of " + r.to().qualified() + " that compensating run " + runId + " deleted (written"
                            + " meanwhile?); compensation was rolled back", null);
                }
            }
        }
        return done;
    }

    /**
     * Counts the rows of {@code r.from()} whose reference no longer finds its row. Where the reference targets the
     * key the ledger records, only the run's deleted keys need looking at; otherwise the whole table is checked.
     */
    private String dangling(Reference r) {
        Table to = table(r.to());
        List<String> identity = to.identity();
        if (collected.containsKey(r.to()) && !forcedTables.contains(r.to()) && to.primaryKey() != null
                && identity.size() == r.toColumns().size() && identity.containsAll(r.toColumns())) {
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < r.toColumns().size(); i++) {
                terms.add("c." + TableId.quote(r.fromColumns().get(i)) + " = g.k" + identity.indexOf(r.toColumns().get(i)));
            }
            return "SELECT count(*) FROM " + r.from().qualified() + " c JOIN " + collected.get(r.to()) + " g ON g.action"
                    + " = 'insert' AND " + String.join(" AND ", terms);
        }
        List<String> present = r.fromColumns().stream().map(c -> "c." + TableId.quote(c) + " IS NOT NULL").toList();
        return "SELECT count(*) FROM " + r.from().qualified() + " c WHERE " + String.join(" AND ", present)
                + " AND NOT EXISTS (SELECT 1 FROM " + r.to().qualified() + " p WHERE " + join(r) + ")";
    }

    /** Puts the run's before-images back (the current rows were deleted with the inserted ones). */
    private long restore(Table table) throws SQLException {
        List<String> columns = new ArrayList<>();
        boolean identityAlways = false;
        for (Column c : table.columns()) {
            if (c.generation() != Column.Generation.STORED) {
                columns.add(TableId.quote(c.name()));
                identityAlways |= c.generation() == Column.Generation.IDENTITY_ALWAYS;
            }
        }
        String list = String.join(", ", columns);
        try (PreparedStatement st = cert.prepareStatement("INSERT INTO " + table.id().qualified() + " (" + list + ")"
                + (identityAlways ? " OVERRIDING SYSTEM VALUE" : "") + " SELECT " + String.join(", ", columns.stream()
                .map(c -> "r." + c).toList()) + " FROM ferry.ledger l, jsonb_populate_record(NULL::" + table.id().qualified()
                + ", l.before_image) r WHERE l.run_id = ? AND l.table_name = ? AND l.action = 'update'")) {
            st.setString(1, runId);
            st.setString(2, new LedgerKeys(table).tableName());
            return st.executeLargeUpdate();
        }
    }

    /** Per table, the count and checksum of what CERT holds now under the run's ledger keys. */
    Map<TableId, TableProof> proofs() throws SQLException {
        Map<TableId, TableProof> proofs = new LinkedHashMap<>();
        for (Map.Entry<TableId, String> e : collected.entrySet()) {
            LedgerKeys keys = new LedgerKeys(table(e.getKey()));
            try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*), md5(string_agg("
                    + "t::text, E'\\n' ORDER BY t::text)) FROM " + e.getKey().qualified() + " t JOIN " + e.getValue()
                    + " g ON " + keys.matchesCollected("t", "g"))) {
                rs.next();
                proofs.put(e.getKey(), new TableProof(rs.getLong(1), rs.getString(2)));
            }
        }
        return proofs;
    }

    /** CERT's foreign keys into tables the run inserted rows into. */
    private List<Reference> incoming() {
        return references().stream().filter(r -> collected.containsKey(r.to())).toList();
    }

    private List<Reference> references() {
        return schema.references().stream().filter(r -> r.origin() == Reference.Origin.FOREIGN_KEY
                || r.origin() == Reference.Origin.PARTITION_FOREIGN_KEY).toList();
    }

    /**
     * {@code FROM} clause of the rows outside the run's ledger (alias c) that reference a row the run inserted
     * (alias p).
     */
    private String referencing(Reference r) {
        Table from = table(r.from());
        Table to = table(r.to());
        return from.id().qualified() + " c JOIN " + to.id().qualified() + " p ON " + join(r) + " JOIN "
                + collected.get(r.to()) + " g ON g.action = 'insert' AND " + new LedgerKeys(to).matchesCollected("p", "g")
                + " WHERE true" + outsideRun(from, "c");
    }

    private String join(Reference r) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < r.fromColumns().size(); i++) {
            terms.add("p." + TableId.quote(r.toColumns().get(i)) + " = c." + TableId.quote(r.fromColumns().get(i)));
        }
        return String.join(" AND ", terms);
    }

    private String outsideRun(Table from, String alias) {
        String temp = collected.get(from.id());
        return temp == null ? "" : " AND NOT EXISTS (SELECT 1 FROM " + temp + " h WHERE "
                + new LedgerKeys(from).matchesCollected(alias, "h") + ")";
    }

    /** The row the collected key {@code g} names is gone or differs from the hash the load recorded. */
    private static String changed(Table table, String g) {
        return "NOT EXISTS (SELECT 1 FROM " + table.id().qualified() + " t WHERE " + new LedgerKeys(table)
                .matchesCollected("t", g) + " AND md5(t::text) = " + g + ".row_hash)";
    }

    /** A row's key as text, {@code 1042} or {@code (7,3)}. */
    private static String keyText(Table table, String alias) {
        return text(table.identity().stream().map(c -> alias + "." + TableId.quote(c)).toList());
    }

    /** The same for a collected key. */
    private static String collectedKeyText(Table table, String alias) {
        List<String> ks = new ArrayList<>();
        for (int i = 0; i < table.identity().size(); i++) {
            ks.add(alias + ".k" + i);
        }
        return text(ks);
    }

    private static String text(List<String> values) {
        return values.size() == 1 ? values.get(0) + "::text" : "ROW(" + String.join(", ", values) + ")::text";
    }

    private Table table(TableId id) {
        return schema.table(id).orElseThrow();
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private long count(String sql) throws SQLException {
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
