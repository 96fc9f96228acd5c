package io.ferry.validator.check;

import io.ferry.cert.LedgerKeys;
import io.ferry.cert.SharedRows;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.CopyText;
import io.ferry.contracts.messages.Severity;
import io.ferry.schema.mapping.ColumnMapping;
import io.ferry.schema.mapping.TableMapping;
import io.ferry.schema.model.Check;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.ConflictStrategy;
import io.ferry.spec.model.ValidateRule;
import io.ferry.service.run.StagedTable;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The checks that only CERT can answer, run in CERT's PostgreSQL over temporary tables that hold the run's
 * rows (loaded with COPY): values valid for CERT's types, CERT's CHECK constraints, the spec's business
 * rules, primary and unique keys against the rows CERT already holds, and references to tables the spec
 * assumes present. The caller owns the transaction and rolls it back: nothing outlives the session.
 */
public final class CertStoreChecks {

    private static final int COPY_CHUNK = 8 << 20;

    private final Connection cert;
    private final Findings findings;
    private final int examples;
    private final String replacedRun;
    private final String district;
    /** Whether the store has Ferry's bookkeeping (init-target ran): without it no run loaded rows to share. */
    private Boolean prepared;
    private int tables;

    /**
     * @param district    the run's district: a row another district's live run loaded is shared, not loaded again
     *                    ({@link SharedRows}), so it meets none of CERT's keys
     * @param replacedRun the run a refresh swaps out (its inserted rows do not count against CERT), or null
     */
    public CertStoreChecks(Connection cert, Findings findings, int examples, String district, String replacedRun) {
        this.cert = cert;
        this.findings = findings;
        this.examples = examples;
        this.district = district;
        this.replacedRun = replacedRun;
    }

    /**
     * @param rules    the spec's business rules of this table
     * @param strategy the load's conflict strategy for this table's primary key
     * @param remapped the columns the load rewrites with fresh CERT keys: the primary key under
     *                 {@code remap}, and every reference to a table loaded with {@code remap}
     */
    public void table(StagedTable staged, Table target, TableMapping mapping, List<ValidateRule> rules,
            ConflictStrategy strategy, java.util.Set<String> remapped) throws SQLException, IOException {
        List<Key> keys = new ArrayList<>();
        target.primary().ifPresent(keys::add);
        keys.addAll(target.uniqueKeys());
        java.util.Set<String> keyColumns = new java.util.HashSet<>();
        keys.forEach(k -> keyColumns.addAll(k.columns()));
        // CERT only needs what it evaluates: whole rows for CHECKs and rules, else keys and changed types.
        boolean wholeRows = !target.checks().isEmpty() || !rules.isEmpty();
        List<ColumnMapping> loaded = mapping.columns().stream().filter(c -> c.source() != null)
                .filter(c -> wholeRows || keyColumns.contains(c.target()) || typeChanges(staged, c)).toList();
        if (loaded.isEmpty()) {
            return;
        }
        String temp = "ferry_rows_" + tables++;
        createAndCopy(temp, staged, target, loaded);
        List<Boolean> invalid = validTypes(staged, temp, loaded);
        String typed = typed(temp, target, mapping, loaded, invalid);
        String alias = TableId.quote(target.id().name());
        for (Check check : target.checks()) {
            evaluate("check:" + check.name(), Severity.ERROR, staged.id(), null, typed, alias, expression(check));
        }
        for (ValidateRule rule : rules) {
            evaluate("rule:" + (rule.message() != null ? rule.message() : rule.check()),
                    rule.severity() == io.ferry.spec.model.Severity.WARNING ? Severity.WARNING : Severity.ERROR,
                    staged.id(), null, typed, alias, rule.check());
        }
        for (Key key : keys) {
            if (ClosureChecks.sources(mapping, key.columns()) != null) {
                againstCert(staged.id(), target, key, typed, strategy, remapped);
            }
        }
    }

    private void createAndCopy(String temp, StagedTable staged, Table target, List<ColumnMapping> loaded)
            throws SQLException, IOException {
        String columns = java.util.stream.IntStream.range(0, loaded.size()).mapToObj(i -> "c" + i + " text")
                .collect(Collectors.joining(", "));
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE TEMP TABLE " + temp + " (" + columns + ", ex text) ON COMMIT DROP");
        }
        List<BatchColumn> batchColumns = staged.columns();
        int[] sources = new int[loaded.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = indexOf(batchColumns, loaded.get(i).source());
        }
        List<String> exampleColumns = SqlKeys.exampleColumns(staged, target);
        int[] exampleIndexes = exampleColumns.stream().mapToInt(c -> indexOf(batchColumns, c)).toArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] values = new String[sources.length + 1];
        for (Path file : staged.files()) {
            try (BatchReader reader = BatchReader.open(file, null)) {
                String[] row;
                while ((row = reader.next()) != null) {
                    for (int i = 0; i < sources.length; i++) {
                        values[i] = cut(row[sources[i]], loaded.get(i));
                    }
                    values[sources.length] = example(exampleColumns, exampleIndexes, row);
                    CopyText.encodeRow(values, out);
                    if (out.size() > COPY_CHUNK) {
                        copy(temp, out);
                    }
                }
            }
        }
        copy(temp, out);
        try (Statement st = cert.createStatement()) {
            st.execute("ANALYZE " + temp);
        }
    }

    private void copy(String temp, ByteArrayOutputStream out) throws SQLException, IOException {
        if (out.size() == 0) {
            return;
        }
        cert.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + temp + " FROM STDIN",
                new ByteArrayInputStream(out.toByteArray()));
        out.reset();
    }

    private static String cut(String value, ColumnMapping mapping) {
        if (value == null || mapping.fill() != ColumnMapping.Fill.TRUNCATE
                || value.codePointCount(0, value.length()) <= mapping.limit()) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, mapping.limit()));
    }

    private static String example(List<String> columns, int[] indexes, String[] row) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < indexes.length; i++) {
            text.append(i == 0 ? "" : ",").append(columns.get(i)).append('=')
                    .append(row[indexes[i]] == null ? "NULL" : row[indexes[i]]);
        }
        return text.toString();
    }

    private static int indexOf(List<BatchColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the batches have no column " + name);
    }

    /**
     * Whether CERT's type differs from PROD's, so a value may not be valid there; lengths aside, which the
     * closure checks count.
     */
    private static boolean typeChanges(StagedTable staged, ColumnMapping c) {
        String prodType = staged.column(c.source()).map(BatchColumn::pgType).orElse("");
        return !CertTypes.anyText(c.targetType()) && !prodType.equals(c.targetType());
    }

    /** Reports values CERT's type does not accept; returns, per loaded column, whether any was found. */
    private List<Boolean> validTypes(StagedTable staged, String temp, List<ColumnMapping> loaded) throws SQLException {
        TableId table = staged.id();
        List<Boolean> invalid = new ArrayList<>();
        List<Integer> checked = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT 0");
        for (int i = 0; i < loaded.size(); i++) {
            invalid.add(false);
            if (typeChanges(staged, loaded.get(i))) {
                checked.add(i);
                sql.append(", count(*) FILTER (WHERE ").append(invalidCondition(i, loaded.get(i))).append(")");
            }
        }
        if (checked.isEmpty()) {
            return invalid;
        }
        long[] counts = new long[checked.size()];
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery(sql + " FROM " + temp)) {
            rs.next();
            for (int j = 0; j < counts.length; j++) {
                counts[j] = rs.getLong(j + 2);
            }
        }
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] > 0) {
                int i = checked.get(j);
                invalid.set(i, true);
                findings.add("type", Severity.ERROR, table, loaded.get(i).target(), counts[j], strings("SELECT ex FROM "
                        + temp + " WHERE " + invalidCondition(i, loaded.get(i)) + " ORDER BY ex LIMIT " + examples));
            }
        }
        return invalid;
    }

    private static String invalidCondition(int i, ColumnMapping column) {
        return "c" + i + " IS NOT NULL AND NOT pg_input_is_valid(c" + i + ", " + literal(column.targetType()) + ")";
    }

    /** The run's rows as CERT would hold them: CERT's column names and base types, defaults filled in. */
    private static String typed(String temp, Table target, TableMapping mapping, List<ColumnMapping> loaded,
            List<Boolean> invalid) {
        List<String> select = new ArrayList<>();
        for (ColumnMapping c : mapping.columns()) {
            if (c.source() != null && !loaded.contains(c)) {
                continue;
            }
            String base = CertTypes.base(c.targetType());
            String name = TableId.quote(c.target());
            int i = loaded.indexOf(c);
            String value;
            if (i >= 0) {
                value = invalid.get(i) ? "CASE WHEN pg_input_is_valid(c" + i + ", " + literal(c.targetType()) + ") THEN c"
                        + i + "::" + base + " END" : "c" + i + "::" + base;
            } else if (c.fill() == ColumnMapping.Fill.VALUE) {
                value = "(" + c.value() + ")::" + base;
            } else {
                // A default that draws from a sequence would move CERT's sequence: such columns read as NULL.
                String def = target.column(c.target()).map(Column::defaultExpression).orElse(null);
                value = def == null || def.contains("nextval(") ? "NULL::" + base : "(" + def + ")::" + base;
            }
            select.add(value + " AS " + name);
        }
        return "(SELECT " + String.join(", ", select) + ", ex FROM " + temp + ")";
    }

    /** Counts rows for which the expression is false (NULL passes, as in a CHECK constraint). */
    private void evaluate(String check, Severity severity, TableId table, String column, String typed, String alias,
            String expression) throws SQLException {
        String sql = "SELECT count(*) OVER (), ex FROM " + typed + " AS " + alias + " WHERE (" + expression
                + ") IS FALSE ORDER BY ex LIMIT " + examples;
        Savepoint savepoint = cert.setSavepoint();
        try {
            List<String> found = new ArrayList<>();
            long rows = 0;
            try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows = rs.getLong(1);
                    found.add(rs.getString(2));
                }
            }
            cert.releaseSavepoint(savepoint);
            if (rows > 0) {
                findings.add(check, severity, table, column, rows, found);
            }
        } catch (SQLException e) {
            cert.rollback(savepoint);
            findings.add(check + " could not be evaluated (SQLSTATE " + e.getSQLState() + ")", Severity.ERROR, table,
                    column, 0, List.of());
        }
    }

    private void againstCert(TableId table, Table target, Key key, String typed, ConflictStrategy strategy,
            java.util.Set<String> remapped) throws SQLException {
        String match = key.columns().stream().map(c -> "c." + TableId.quote(c) + " = r." + TableId.quote(c))
                .collect(Collectors.joining(" AND "));
        if (replacedRun != null) {
            // a refresh deletes the rows the replaced run inserted before it loads: they meet none of the new rows
            LedgerKeys ledger = new LedgerKeys(target);
            match += " AND NOT EXISTS (SELECT 1 FROM ferry.ledger l WHERE l.run_id = " + LedgerKeys.literal(replacedRun)
                    + " AND l.table_name = " + LedgerKeys.literal(ledger.tableName()) + " AND l.action = 'insert' AND "
                    + ledger.matches("c", "l") + ")";
        }
        List<String> found = new ArrayList<>();
        long rows = 0;
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) OVER (), ex FROM "
                + typed + " r WHERE EXISTS (SELECT 1 FROM " + target.id().qualified() + " c WHERE " + match
                + ")" + notShared(target, strategy, remapped) + " ORDER BY ex LIMIT " + examples)) {
            while (rs.next()) {
                rows = rs.getLong(1);
                found.add(rs.getString(2));
            }
        }
        if (rows == 0) {
            return;
        }
        // Fresh keys end a conflict on a key the load remaps (its own or a referenced table's); otherwise
        // upsert and skip resolve a primary key conflict, and nothing resolves the rest.
        String resolvedBy = key.columns().stream().anyMatch(remapped::contains) ? ConflictStrategy.REMAP.word()
                : key.primary() && (strategy == ConflictStrategy.UPSERT || strategy == ConflictStrategy.SKIP)
                ? strategy.word() : null;
        boolean resolved = resolvedBy != null;
        String check = (key.primary() ? "primary-key" : "unique") + "-in-cert" + (resolved ? ":" + resolvedBy : "");
        findings.add(check, resolved ? Severity.WARNING : Severity.ERROR, table, String.join(",", key.columns()), rows,
                found);
    }

    /**
     * Leaves out the run's rows (alias {@code r}) that another district's live run loaded: the load references them.
     * A remapped key is found through that district's key map, a key the load keeps as it is in that run's ledger;
     * a key with a column the load rewrites through another table's map cannot be told here, and stays checked.
     */
    private String notShared(Table target, ConflictStrategy strategy, java.util.Set<String> remapped)
            throws SQLException {
        if (district == null || !SharedRows.possible(target) || strategy == ConflictStrategy.UPSERT || !prepared()) {
            return "";
        }
        List<String> key = target.primaryKey().columns();
        if (strategy == ConflictStrategy.REMAP && key.size() == 1) {
            return " AND NOT " + SharedRows.mappedByAnother(target, "r." + TableId.quote(key.get(0)) + "::text", district);
        }
        if (key.stream().anyMatch(remapped::contains)) {
            return "";
        }
        return " AND NOT " + SharedRows.insertedByAnother(target, SharedRows.keyColumns(target, "r"), district);
    }

    private boolean prepared() throws SQLException {
        if (prepared == null) {
            try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery("SELECT to_regclass('ferry.ledger')"
                    + " IS NOT NULL AND to_regclass('ferry.key_map') IS NOT NULL AND to_regclass('ferry.run') IS NOT NULL")) {
                rs.next();
                prepared = rs.getBoolean(1);
            }
        }
        return prepared;
    }

    /** Looks up, in CERT's table, the keys the run's rows point at there; reports those CERT lacks. */
    public void lookup(CertLookup lookup, Table target) throws SQLException, IOException {
        if (lookup.keys().isEmpty()) {
            return;
        }
        List<String> columns = lookup.reference().toColumns();
        String temp = "ferry_keys_" + tables++;
        String defs = java.util.stream.IntStream.range(0, columns.size()).mapToObj(i -> "k" + i + " text")
                .collect(Collectors.joining(", "));
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE TEMP TABLE " + temp + " (" + defs + ", n bigint, ex text) ON COMMIT DROP");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (CertLookup.Key key : lookup.keys()) {
            String[] values = new String[columns.size() + 2];
            System.arraycopy(key.values(), 0, values, 0, columns.size());
            values[columns.size()] = Long.toString(key.rows());
            values[columns.size() + 1] = key.example();
            CopyText.encodeRow(values, out);
        }
        copy(temp, out);
        StringBuilder match = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String type = target.column(columns.get(i)).map(Column::type).orElse("text");
            match.append(i == 0 ? "" : " AND ").append("c.").append(TableId.quote(columns.get(i))).append(" = CASE WHEN ")
                    .append("pg_input_is_valid(k.k").append(i).append(", ").append(literal(type)).append(") THEN k.k")
                    .append(i).append("::").append(CertTypes.base(type)).append(" END");
        }
        List<String> found = new ArrayList<>();
        long rows = 0;
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery("SELECT sum(n) OVER (), ex FROM "
                + temp + " k WHERE NOT EXISTS (SELECT 1 FROM " + target.id().qualified() + " c WHERE " + match
                + ") ORDER BY ex LIMIT " + examples)) {
            while (rs.next()) {
                rows = rs.getLong(1);
                found.add(rs.getString(2));
            }
        }
        if (rows > 0) {
            findings.add(lookup.check(), Severity.ERROR, lookup.reference().from(), lookup.column(), rows, found);
        }
    }

    private static String expression(Check check) {
        String text = check.expression().strip();
        if (text.endsWith(" NOT VALID")) {
            text = text.substring(0, text.length() - " NOT VALID".length());
        }
        return text.startsWith("CHECK ") ? text.substring("CHECK ".length()) : text;
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
