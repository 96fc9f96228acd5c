package io.ferry.loader.load;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.CopyText;
import io.ferry.cert.LedgerKeys;
import io.ferry.cert.SharedRows;
import io.ferry.schema.mapping.ColumnMapping;
import io.ferry.schema.mapping.TableMapping;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.StagedTable;
import io.ferry.spec.model.ConflictStrategy;
import io.ferry.spec.model.TriggerMode;
import io.ferry.staging.checksum.CanonicalChecksum;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One table's batches into its CERT table, inside the store's transaction. The batches' mapped columns are
 * first copied as text into a temporary table; then one {@code INSERT ... SELECT} rewrites keys and references
 * through the run's key maps (left joins on {@link RunKeyMap}), casts to CERT's types, applies the conflict
 * strategy ({@code ON CONFLICT} for skip and upsert) and records every row it wrote in the ledger through a
 * writable CTE, so rows and ledger cannot part. CERT fills what the mapping leaves to it (defaults, generated
 * columns, BEFORE triggers); the ledger's hash is of the row as CERT stored it.
 */
final class TableLoad {

    /** Rows are encoded into a buffer and sent to the server's COPY in pieces of about this size. */
    private static final int COPY_CHUNK = 4 << 20;

    /** What one table's load wrote. */
    record Counts(long inserted, long updated, long remapped, long skipped) {
    }

    private final Connection cert;
    private final StagedTable staged;
    private final Table target;
    private final KeyPlan plan;
    private final List<Rewrite> rewrites;
    private final List<Reference> nullFirst;
    private final String rows;
    private final List<ColumnMapping> loaded;
    private final List<ColumnMapping> fromBatch;
    private final LedgerKeys keys;
    private final int index;
    /** The batch columns whose text CERT must hold for the run as it is, or as a key map's source. */
    private final List<ColumnMapping> compared;
    private final CanonicalChecksum batchChecksum = new CanonicalChecksum();
    /** A temporary table of the keys the insert wrote, as {@link LedgerKeys#collect} would read them back. */
    private final String written;
    private long remapped;
    /** Present when CERT's foreign keys of the table can be checked set-based (see {@link SetBasedReferenceCheck}). */
    private Optional<SetBasedReferenceCheck> setBased = Optional.empty();
    /** The insert ran with the replica role and left its references to {@link #checkReferences}. */
    private boolean quiet;
    /** A user trigger may have fired on the table during the load (a fix-up update). */
    private boolean triggersFired;
    /** The temporary table of staged rows another district's live run loaded, which the insert leaves out; or null. */
    private String shared;

    /**
     * @param rewrites  the table's references that go through a key map (its own remapped key included)
     * @param nullFirst references of a cycle inserted as NULL and set by {@link #fixUp}
     * @param index     a number unique in the transaction, naming the temporary table
     */
    TableLoad(Connection cert, StagedTable staged, Table target, TableMapping mapping, KeyPlan plan,
            List<Rewrite> rewrites, List<Reference> nullFirst, int index) {
        this.cert = cert;
        this.staged = staged;
        this.target = target;
        this.plan = plan;
        this.rewrites = List.copyOf(rewrites);
        this.nullFirst = List.copyOf(nullFirst);
        this.rows = "ferry_load_rows_" + index;
        this.loaded = mapping.columns().stream().filter(ColumnMapping::loaded).toList();
        this.fromBatch = loaded.stream().filter(m -> m.source() != null).toList();
        this.keys = new LedgerKeys(target);
        this.index = index;
        this.written = "ferry_written_" + index;
        // Same type in PROD and CERT (so the same text), copied as is, and no JSON leaf rewritten inside.
        this.compared = fromBatch.stream().filter(m -> m.fill() == ColumnMapping.Fill.COPY
                && staged.column(m.source()).orElseThrow().pgType().equals(m.targetType()) && !hasJsonRewrite(m)).toList();
    }

    TableId id() {
        return target.id();
    }

    KeyPlan plan() {
        return plan;
    }

    /** Copies the batches into the temporary table; rows are not in CERT's table yet. */
    void stage() throws SQLException {
        List<String> temp = new ArrayList<>();
        for (int i = 0; i < fromBatch.size(); i++) {
            temp.add("c" + i + " text");
        }
        // A column with JSON paths to rewrite is parsed once, while it is copied, not at every path it is read at.
        for (int i = 0; i < fromBatch.size(); i++) {
            if (hasJsonRewrite(fromBatch.get(i))) {
                temp.add("j" + i + " jsonb GENERATED ALWAYS AS (c" + i + "::jsonb) STORED");
            }
        }
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE TEMP TABLE " + rows + " (" + String.join(", ", temp) + ") ON COMMIT DROP");
        }
        copy();
        try (Statement st = cert.createStatement()) {
            List<String> joined = joinedColumns();
            st.execute("ANALYZE " + rows + (joined.isEmpty() ? "" : " (" + String.join(", ", joined) + ")"));
        }
        if (plan.strategy() != ConflictStrategy.UPSERT) {
            setBased = SetBasedReferenceCheck.of(cert, target, index);
        }
    }

    /**
     * The staged columns the load's statements join or group on, whose statistics the planner needs: the values
     * looked up in a key map, the key a map is made from, the conflict and primary-key columns (any one column
     * when none is: the row count is what counts then). Statistics of the other columns (a row's every text and
     * JSON value) would cost a sort per column and guide no plan.
     */
    private List<String> joinedColumns() {
        List<String> certColumns = new ArrayList<>();
        rewrites.stream().filter(r -> !r.json()).forEach(r -> certColumns.add(r.column()));
        if (plan.mapColumn() != null) {
            certColumns.add(plan.mapColumn());
        }
        certColumns.addAll(plan.conflictOn());
        if (target.primaryKey() != null) {
            certColumns.addAll(target.primaryKey().columns());
        }
        List<String> staged = new ArrayList<>();
        for (String c : certColumns) {
            ColumnMapping m = mappingOf(c);
            if (m != null && m.source() != null && !staged.contains("c" + fromBatch.indexOf(m))) {
                staged.add("c" + fromBatch.indexOf(m));
            }
        }
        if (staged.isEmpty() && !fromBatch.isEmpty()) {
            staged.add("c0");
        }
        return staged;
    }

    /**
     * Whether the load may have written rows that CERT does not hold as the ledger says: an insert ran with
     * PostgreSQL's checks and so with user triggers, or a fix-up fired triggers. Otherwise the ledger is exactly
     * what the statements returned.
     */
    boolean triggersMayHaveFired() {
        return !quiet || triggersFired;
    }

    /**
     * Checks what CERT now holds for the run in the table against the batches ({@link RunRowsCheck}); count only
     * where rows were skipped or a CERT trigger may have changed them.
     *
     * @return the checksum, or null where the table was compared by count only
     */
    String verify(long skipped) throws SQLException {
        List<RunRowsCheck.ReadBack> columns = new ArrayList<>();
        for (ColumnMapping m : compared) {
            List<TableId> maps = rewrites.stream().filter(r -> !r.json() && mappingOf(r.column()) == m)
                    .map(Rewrite::target).toList();
            columns.add(new RunRowsCheck.ReadBack(m.target(), maps));
        }
        return new RunRowsCheck(target, keys, written, columns).check(cert, batchChecksum.value(),
                skipped > 0 || triggersMayHaveFired());
    }

    /** Checks the references an insert with the replica role wrote (before commit; a failure fails the load). */
    void checkReferences() throws SQLException {
        if (quiet) {
            setBased.orElseThrow().check(cert);
        }
    }

    /** Maps the table's own keys: fresh keys for a remapped table, CERT's keys for skipped rows CERT holds. */
    void mapKeys(RunKeyMap map) throws SQLException {
        if (plan.remap()) {
            remapped = map.remap(target, plan.mapColumn(), rows, sourceText(plan.mapColumn()));
        } else if (plan.strategy() == ConflictStrategy.SKIP && plan.mapColumn() != null) {
            List<String> terms = new ArrayList<>();
            for (String c : plan.conflictOn()) {
                terms.add("t." + TableId.quote(c) + " = " + value(mappingOf(c)));
            }
            map.skip(target, plan.mapColumn(), rows, sourceText(plan.mapColumn()), String.join(" AND ", terms));
        }
    }

    /**
     * Finds the staged rows a live run of another district already loaded ({@link SharedRows}), by their CERT key
     * after every rewrite: the insert leaves them out and the run references them. Not for upsert, which overwrites
     * by design, nor for a table without a primary key. Call after every table's keys are mapped.
     */
    void findShared(String district) throws SQLException {
        List<String> values = keyValues();
        if (plan.strategy() == ConflictStrategy.UPSERT || values == null) {
            return;
        }
        // The common case, a district alone in CERT, costs one probe of the ledger's index.
        try (PreparedStatement st = cert.prepareStatement("SELECT EXISTS (SELECT 1 FROM ferry.ledger l WHERE l.run_id IN "
                + SharedRows.liveRunsOfOthers(district) + " AND l.table_name = ? AND l.action = 'insert')")) {
            st.setString(1, keys.tableName());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            }
        }
        List<String> items = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            items.add(values.get(i) + " AS k" + i);
            named.add("x.k" + i);
        }
        String source = plan.remap() ? sourceText(plan.mapColumn()) : "NULL::text";
        String temp = "ferry_shared_" + index;
        // The other runs' rows of the table first, analyzed, so the join below is sized (and hashed) right.
        String owned = "ferry_owned_" + index;
        List<String> on = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            on.add("o.k" + i + " = x.k" + i);
        }
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE TEMP TABLE " + owned + " ON COMMIT DROP AS " + SharedRows.insertedByOthers(target, district));
            st.execute("ANALYZE " + owned);
            st.execute("CREATE TEMP TABLE " + temp + " ON COMMIT DROP AS SELECT DISTINCT ON (" + String.join(", ", named)
                    + ") " + String.join(", ", named) + ", x.src, o.run_id AS owner FROM (SELECT " + String.join(", ", items)
                    + ", " + source + " AS src FROM " + rows + " s" + joins() + ") x JOIN " + owned + " o ON "
                    + String.join(" AND ", on));
            st.execute("ANALYZE " + temp);
        }
        shared = temp;
    }

    /** Records the rows the run shares in {@code ferry.shared_row}, for the maps of later stores and the owners' rollbacks. */
    void recordShared(String runId, String district) throws SQLException {
        if (shared == null) {
            return;
        }
        List<String> named = new ArrayList<>();
        for (int i = 0; i < target.primaryKey().columns().size(); i++) {
            named.add("x.k" + i);
        }
        try (PreparedStatement st = cert.prepareStatement("INSERT INTO ferry.shared_row (run_id, district, table_name,"
                + " row_key, source_key, cert_key, owner_run) SELECT ?, ?, ?, " + SharedRows.rowKey(target, named)
                + ", x.src, CASE WHEN x.src IS NOT NULL THEN x.k0::text END, x.owner FROM " + shared + " x")) {
            st.setString(1, runId);
            st.setString(2, district);
            st.setString(3, keys.tableName());
            st.executeUpdate();
        }
    }

    /** The typed CERT values of the staged rows' primary key, over {@code s} and the joins; null if it has none. */
    private List<String> keyValues() {
        if (!SharedRows.possible(target)) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (String c : target.primaryKey().columns()) {
            ColumnMapping m = mappingOf(c);
            if (m == null || m.source() == null) {
                return null;
            }
            values.add(value(m));
        }
        return values;
    }

    /** Leaves out the rows {@link #findShared} found. */
    private String notShared() {
        if (shared == null) {
            return "";
        }
        List<String> values = keyValues();
        List<String> match = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            match.add("x.k" + i + " = " + values.get(i));
        }
        return " AND NOT EXISTS (SELECT 1 FROM " + shared + " x WHERE " + String.join(" AND ", match) + ")";
    }

    /**
     * Inserts the tables in one statement, one writable CTE each, and their ledger rows with them: the way
     * through a cycle whose references are all NOT NULL and not deferrable, which PostgreSQL checks only at
     * the statement's end. One table alone goes the same way.
     *
     * @return per table, in order, what its load wrote
     */
    static List<Counts> insertTogether(Connection cert, String runId, List<TableLoad> loads) throws SQLException {
        boolean upsert = loads.stream().anyMatch(l -> l.plan.strategy() == ConflictStrategy.UPSERT);
        if (upsert && loads.size() > 1) {
            throw new LoadRefusedException(loads.get(0).id().store(), "tables " + loads.stream().map(TableLoad::id).toList()
                    + " form a cycle that loads in one statement, where upsert cannot keep before-images; use insert,"
                    + " skip or remap for them");
        }
        if (upsert) {
            loads.get(0).beforeImages();
        }
        // The replica role skips CERT's row-by-row foreign-key checks; the statement keeps what it wrote for one
        // set-based check per key instead. Only when no table of the statement needs PostgreSQL's own checks.
        boolean quiet = loads.stream().allMatch(l -> l.setBased.isPresent());
        List<String> ctes = new ArrayList<>();
        List<String> ledger = new ArrayList<>();
        for (int i = 0; i < loads.size(); i++) {
            TableLoad load = loads.get(i);
            List<String> returning = new ArrayList<>(List.of(load.keys.rowKey("t") + " AS row_key", "md5(t::text) AS row_hash"));
            if (upsert) {
                returning.add("(t.xmax = 0) AS fresh");
            }
            if (quiet) {
                load.setBased.orElseThrow().prepare(cert);
                returning.addAll(load.setBased.orElseThrow().returning("t"));
            }
            returning.addAll(load.keys.collectedKeyItems("t"));
            ctes.add("w" + i + " AS (" + load.insertStatement() + " RETURNING " + String.join(", ", returning) + ")");
            ctes.add(load.keepWritten("c" + i, "w" + i));
            if (quiet) {
                load.setBased.orElseThrow().keepCte("k" + i, "w" + i).ifPresent(ctes::add);
                load.quiet = true;
            }
            String table = LedgerKeys.literal(load.keys.tableName());
            ledger.add(upsert
                    ? "SELECT " + table + ", CASE WHEN w.fresh THEN 'insert' ELSE 'update' END, w.row_key, w.row_hash,"
                            + " CASE WHEN w.fresh THEN NULL ELSE b.image END FROM w" + i + " w LEFT JOIN ferry_before b"
                            + " ON b.row_key = w.row_key"
                    : "SELECT " + table + ", 'insert', row_key, row_hash, NULL::jsonb FROM w" + i);
        }
        // The statement counts what it wrote, per table and action: reading the ledger back would rescan the run.
        String sql = "WITH " + String.join(", ", ctes) + ", l AS (INSERT INTO ferry.ledger (table_name, action, row_key,"
                + " row_hash, before_image, run_id) SELECT x.*, " + LedgerKeys.literal(runId) + " FROM ("
                + String.join(" UNION ALL ", ledger) + ") x RETURNING table_name, action) SELECT table_name,"
                + " count(*) FILTER (WHERE action = 'insert'), count(*) FILTER (WHERE action = 'update') FROM l GROUP BY 1";
        Map<String, long[]> written = new HashMap<>();
        // On failure the store's transaction rolls back, and the SET LOCAL with it.
        try (Statement st = cert.createStatement()) {
            if (quiet) {
                st.execute("SET LOCAL session_replication_role = replica");
            }
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    written.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
            if (quiet) {
                st.execute("SET LOCAL session_replication_role = origin");
            }
        }
        for (TableLoad load : loads) {
            load.proveBefore(runId, upsert);
        }
        if (upsert) {
            try (Statement st = cert.createStatement()) {
                st.execute("DROP TABLE ferry_before");
            }
        }
        List<Counts> counts = new ArrayList<>();
        for (TableLoad load : loads) {
            long[] rows = written.getOrDefault(load.keys.tableName(), new long[2]);
            counts.add(new Counts(rows[0], rows[1], load.plan.remap() ? load.remapped : 0,
                    load.staged.rows() - rows[0] - rows[1]));
        }
        return counts;
    }

    /**
     * Creates the temporary table of the keys the insert writes and returns a writable CTE that fills it from
     * the insert's CTE {@code from} (which returns {@link LedgerKeys#collectedKeyItems} and {@code row_key}), so
     * nothing reads the ledger back for them.
     */
    private String keepWritten(String name, String from) throws SQLException {
        List<String> items = keys.collectedKeyItems("t");
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            columns.add("k" + i);
        }
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE TEMP TABLE " + written + " ON COMMIT DROP AS SELECT " + String.join(", ", items)
                    + (items.isEmpty() ? "" : ", ") + "(" + keys.rowKey("t") + ") AS rk FROM " + target.id().qualified()
                    + " t WITH NO DATA");
        }
        String keyColumns = columns.isEmpty() ? "" : String.join(", ", columns) + ", ";
        return name + " AS (INSERT INTO " + written + " (" + keyColumns + "rk) SELECT " + keyColumns + "row_key FROM "
                + from + ")";
    }

    /** The table's INSERT ... SELECT over its staged rows, its conflict clause included, without RETURNING. */
    private String insertStatement() {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (ColumnMapping m : loaded) {
            names.add(TableId.quote(m.target()));
            values.add(deferred(m) ? "NULL::" + m.targetType() : value(m));
        }
        boolean identityAlways = loaded.stream().anyMatch(m -> target.column(m.target()).map(Column::generation)
                .orElse(Column.Generation.NONE) == Column.Generation.IDENTITY_ALWAYS);
        // WHERE true keeps ON CONFLICT from being read as a join's ON.
        return "INSERT INTO " + target.id().qualified() + " AS t (" + String.join(", ", names) + ")"
                + (identityAlways ? " OVERRIDING SYSTEM VALUE" : "") + " SELECT " + String.join(", ", values) + " FROM "
                + rows + " s" + joins() + " WHERE true" + notShared() + conflictClause(names);
    }

    /**
     * Sets the values inserted as NULL to break a cycle, on the run's rows only, by default with user triggers
     * suppressed (Ferry's own update, not a change a trigger should see; the spec's {@code load.triggers: fire}
     * lets them fire), then checks set-based that each reference it wrote holds, since suppressing triggers also
     * suppresses the foreign-key checks, and refreshes the rows' ledger hashes (a trigger may have changed them).
     */
    void fixUp(String runId, TriggerMode triggers) throws SQLException {
        if (nullFirst.isEmpty()) {
            return;
        }
        List<ColumnMapping> fixed = loaded.stream().filter(this::deferred).toList();
        List<String> sets = new ArrayList<>();
        List<String> projections = new ArrayList<>();
        for (int i = 0; i < fixed.size(); i++) {
            sets.add(TableId.quote(fixed.get(i).target()) + " = x.v" + i);
            projections.add(value(fixed.get(i)) + " AS v" + i);
        }
        List<String> match = new ArrayList<>();
        List<String> key = target.primaryKey().columns();
        for (int i = 0; i < key.size(); i++) {
            projections.add(value(mappingOf(key.get(i))) + " AS k" + i);
            match.add("t." + TableId.quote(key.get(i)) + " = x.k" + i);
        }
        keys.collect(cert, runId, "insert", "ferry_run_rows");
        boolean suppress = triggers == TriggerMode.SUPPRESS;
        triggersFired = !suppress || SetBasedReferenceCheck.replicaTriggers(cert, target);
        // On failure the store's transaction rolls back, and the SET LOCAL with it.
        try (Statement st = cert.createStatement()) {
            if (suppress) {
                st.execute("SET LOCAL session_replication_role = replica");
            }
            st.executeLargeUpdate("UPDATE " + target.id().qualified() + " t SET " + String.join(", ", sets) + " FROM"
                    + " (SELECT " + String.join(", ", projections) + " FROM " + rows + " s" + joins() + ") x,"
                    + " ferry_run_rows g WHERE " + String.join(" AND ", match) + " AND " + keys.matchesCollected("t", "g"));
            if (suppress) {
                st.execute("SET LOCAL session_replication_role = origin");
            }
        }
        for (Reference r : nullFirst) {
            checkHolds(r);
        }
        try (Statement st = cert.createStatement()) {
            st.execute("DROP TABLE ferry_run_rows");
        }
        try (PreparedStatement st = cert.prepareStatement("UPDATE ferry.ledger l SET row_hash = md5(t::text) FROM "
                + target.id().qualified() + " t WHERE l.run_id = ? AND l.table_name = ? AND " + keys.matches("t", "l"))) {
            st.setString(1, runId);
            st.setString(2, keys.tableName());
            st.executeLargeUpdate();
        }
    }

    /** Every reference a fix-up set on the run's rows (collected in {@code ferry_run_rows}) must find its row. */
    private void checkHolds(Reference r) throws SQLException {
        List<String> present = new ArrayList<>();
        List<String> match = new ArrayList<>();
        for (int i = 0; i < r.fromColumns().size(); i++) {
            present.add("t." + TableId.quote(r.fromColumns().get(i)) + " IS NOT NULL");
            match.add("p." + TableId.quote(r.toColumns().get(i)) + " = t." + TableId.quote(r.fromColumns().get(i)));
        }
        try (PreparedStatement st = cert.prepareStatement("SELECT count(*) FROM " + target.id().qualified() + " t JOIN"
                + " ferry_run_rows g ON " + keys.matchesCollected("t", "g") + " WHERE "
                + String.join(" AND ", present) + " AND NOT EXISTS (SELECT 1 FROM " + r.to().qualified() + " p WHERE "
                + String.join(" AND ", match) + ")")) {
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new LoadFailedException(target.id().store(), rs.getLong(1) + " row(s) of " + target.id().qualified()
                            + " reference no row of " + r.to().qualified() + " through " + r.fromColumns()
                            + " after the cycle's fix-up; the store was rolled back", null);
                }
            }
        }
    }

    /**
     * Keeps compensation's proof of the table before the load: the count and checksum of the rows under the run's
     * ledger keys as they were, that is of the rows an upsert overwrote (the keys the run inserted were free).
     */
    private void proveBefore(String runId, boolean upsert) throws SQLException {
        String proof = upsert
                ? "SELECT count(*), md5(string_agg(b.text, E'\\n' ORDER BY b.text)) FROM ferry_before b WHERE EXISTS (SELECT 1"
                        + " FROM ferry.ledger l WHERE l.run_id = r.run_id AND l.table_name = r.table_name AND l.action ="
                        + " 'update' AND l.row_key = b.row_key)"
                : "SELECT 0, NULL";
        try (PreparedStatement st = cert.prepareStatement("INSERT INTO ferry.run_proof (run_id, table_name, phase, rows,"
                + " checksum) SELECT r.run_id, r.table_name, 'before', p.* FROM (SELECT ?::text AS run_id, ?::text AS"
                + " table_name) r, LATERAL (" + proof + ") p")) {
            st.setString(1, runId);
            st.setString(2, keys.tableName());
            st.executeUpdate();
        }
    }

    /** The rows an upsert is about to overwrite, as they are now, keyed like the ledger, with their text. */
    private void beforeImages() throws SQLException {
        List<String> key = plan.conflictOn();
        List<String> staged = new ArrayList<>();
        List<String> own = new ArrayList<>();
        for (String c : key) {
            staged.add(value(mappingOf(c)));
            own.add("t." + TableId.quote(c));
        }
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE TEMP TABLE ferry_before ON COMMIT DROP AS SELECT " + keys.rowKey("t") + " AS row_key,"
                    + " to_jsonb(t) AS image, t::text AS text FROM " + target.id().qualified() + " t WHERE (" + String.join(", ", own)
                    + ") IN (SELECT " + String.join(", ", staged) + " FROM " + rows + " s" + joins() + ")");
        }
    }

    private String conflictClause(List<String> names) {
        return switch (plan.strategy()) {
            case INSERT, REMAP -> "";
            case SKIP -> " ON CONFLICT (" + quoted(plan.conflictOn()) + ") DO NOTHING";
            case UPSERT -> {
                List<String> sets = new ArrayList<>();
                for (String n : names) {
                    if (!plan.conflictOn().stream().map(TableId::quote).toList().contains(n)) {
                        sets.add(n + " = EXCLUDED." + n);
                    }
                }
                yield " ON CONFLICT (" + quoted(plan.conflictOn()) + ") DO "
                        + (sets.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", sets));
            }
        };
    }

    private static String quoted(List<String> columns) {
        return String.join(", ", columns.stream().map(TableId::quote).toList());
    }

    /** One left join per rewrite, on the key map of its target, by the staged value (or JSON leaf) as text. */
    private String joins() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < rewrites.size(); i++) {
            Rewrite r = rewrites.get(i);
            ColumnMapping m = mappingOf(r.column());
            if (m == null || m.source() == null) {
                continue;
            }
            sql.append(" LEFT JOIN ").append(RunKeyMap.TABLE).append(" r").append(i).append(" ON r").append(i)
                    .append(".tbl = ").append(LedgerKeys.literal(r.target().toString())).append(" AND r").append(i)
                    .append(".source = ").append(lookup(r, m));
        }
        return sql.toString();
    }

    private String lookup(Rewrite r, ColumnMapping m) {
        return r.json() ? "(" + json(m) + " #>> " + r.pathLiteral() + ")" : column(m);
    }

    private boolean hasJsonRewrite(ColumnMapping m) {
        return rewrites.stream().anyMatch(r -> r.json() && mappingOf(r.column()) == m);
    }

    /** The staged value of a column with JSON rewrites, as parsed at copy time. */
    private String json(ColumnMapping m) {
        return "s.j" + fromBatch.indexOf(m);
    }

    /** The staged text of a CERT column, before rewrites (the map's source). */
    private String sourceText(String certColumn) {
        ColumnMapping m = mappingOf(certColumn);
        if (m == null || m.source() == null) {
            throw new LoadRefusedException(target.id().store(), target.id().qualified() + "." + certColumn
                    + " is a key the run maps, but the batches carry no value for it");
        }
        return column(m);
    }

    private String column(ColumnMapping m) {
        return "s.c" + fromBatch.indexOf(m);
    }

    /**
     * The text a CERT column gets: the staged value with its rewrites applied. JSON leaves are set one after the
     * other on the parsed value (a number stays a number); a value none of them changes keeps its exact text.
     */
    private String text(ColumnMapping m) {
        String text = column(m);
        String[] json = jsonRewritten(m);
        if (json != null) {
            text = "CASE WHEN " + json[1] + " THEN " + text + " ELSE (" + json[0] + ")::text END";
        }
        for (int i = 0; i < rewrites.size(); i++) {
            Rewrite r = rewrites.get(i);
            if (mappingOf(r.column()) == m && !r.json()) {
                text = "coalesce(r" + i + ".cert, " + text + ")";
            }
        }
        return text;
    }

    /**
     * The parsed value of a column with JSON rewrites, its leaves set one after the other, and the condition
     * under which none of them changes it; null for a column without JSON rewrites.
     */
    private String[] jsonRewritten(ColumnMapping m) {
        String parsed = json(m);
        String changed = null;
        List<String> untouched = new ArrayList<>();
        for (int i = 0; i < rewrites.size(); i++) {
            Rewrite r = rewrites.get(i);
            if (mappingOf(r.column()) != m || !r.json()) {
                continue;
            }
            String cert = "r" + i + ".cert";
            String current = changed == null ? parsed : changed;
            changed = "CASE WHEN " + cert + " IS NULL THEN " + current + " ELSE jsonb_set(" + current + ", "
                    + r.pathLiteral() + ", CASE jsonb_typeof(" + parsed + " #> " + r.pathLiteral() + ") WHEN 'number'"
                    + " THEN to_jsonb(" + cert + "::numeric) ELSE to_jsonb(" + cert + ") END) END";
            untouched.add(cert + " IS NULL");
        }
        return changed == null ? null : new String[] {changed, String.join(" AND ", untouched)};
    }

    /**
     * A jsonb column copied as is whose only rewrites are JSON leaves: its value straight from the parsed one,
     * which is what its text cast back would give (jsonb's text parses to the same value), without writing each
     * changed value out as text and parsing it again; null for any other column.
     */
    private String jsonbValue(ColumnMapping m) {
        if (m.fill() != ColumnMapping.Fill.COPY || !m.targetType().equals("jsonb")
                || rewrites.stream().anyMatch(r -> !r.json() && mappingOf(r.column()) == m)) {
            return null;
        }
        String[] json = jsonRewritten(m);
        return json == null ? null : "CASE WHEN " + json[1] + " THEN " + json(m) + " ELSE " + json[0] + " END";
    }

    /** The SELECT expression that fills one CERT column. */
    private String value(ColumnMapping m) {
        if (m.source() == null) {
            return "CAST(" + m.value() + " AS " + m.targetType() + ")";
        }
        String jsonb = jsonbValue(m);
        if (jsonb != null) {
            return jsonb;
        }
        String text = text(m);
        return switch (m.fill()) {
            case COPY -> "(" + text + ")::" + m.targetType();
            // Through PROD's type first: CERT then casts the way a cast between the two types does.
            case CAST -> "(" + text + ")::" + staged.column(m.source()).orElseThrow().pgType() + "::" + m.targetType();
            case TRUNCATE -> "left(" + text + ", " + m.limit() + ")::" + m.targetType();
            case VALUE -> "CAST(" + m.value() + " AS " + m.targetType() + ")";
            case DEFAULT -> throw new IllegalStateException("a default column is not loaded");
        };
    }

    private boolean deferred(ColumnMapping m) {
        return nullFirst.stream().anyMatch(r -> r.fromColumns().contains(m.target()));
    }

    private ColumnMapping mappingOf(String certColumn) {
        return loaded.stream().filter(m -> m.target().equals(certColumn)).findFirst()
                .or(() -> loaded.stream().filter(m -> certColumn.equals(m.source())).findFirst()).orElse(null);
    }

    private void copy() throws SQLException {
        List<BatchColumn> columns = staged.columns();
        int[] sources = new int[fromBatch.size()];
        for (int i = 0; i < sources.length; i++) {
            String name = fromBatch.get(i).source();
            sources[i] = columns.indexOf(staged.column(name).orElseThrow());
        }
        CopyIn in = cert.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + rows + " FROM STDIN");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String[] values = new String[sources.length];
            int[] comparedAt = compared.stream().mapToInt(fromBatch::indexOf).toArray();
            String[] comparedValues = new String[comparedAt.length];
            for (Path file : staged.files()) {
                try (BatchReader reader = BatchReader.open(file, null)) {
                    String[] row;
                    while ((row = reader.next()) != null) {
                        for (int i = 0; i < sources.length; i++) {
                            values[i] = row[sources[i]];
                        }
                        for (int i = 0; i < comparedAt.length; i++) {
                            comparedValues[i] = values[comparedAt[i]];
                        }
                        batchChecksum.add(comparedValues);
                        CopyText.encodeRow(values, out);
                        if (out.size() > COPY_CHUNK) {
                            in.writeToCopy(out.toByteArray(), 0, out.size());
                            out.reset();
                        }
                    }
                }
            }
            in.writeToCopy(out.toByteArray(), 0, out.size());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}
