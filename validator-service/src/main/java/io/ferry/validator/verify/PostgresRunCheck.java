package io.ferry.validator.verify;

import io.ferry.cert.LedgerKeys;
import io.ferry.contracts.messages.Severity;
import io.ferry.schema.mapping.ColumnMapping;
import io.ferry.schema.mapping.TableMapping;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.StagedTable;
import io.ferry.staging.checksum.CanonicalChecksum;
import io.ferry.validator.check.CertLookup;
import io.ferry.validator.check.Findings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one CERT PostgreSQL store holds for a finished run, checked against its ledger and the run's anonymized
 * batches: the run is recorded as loaded; per table the batches' rows are what the load counted, every ledger row
 * is still in CERT and hashes as it did at load (a tester's change or delete shows here), and each column that
 * arrived as it was holds the batches' multiset of values (the null count for columns keys were rewritten in).
 * Reads only; the caller owns the transaction (temporary tables) and rolls it back.
 */
final class PostgresRunCheck {

    /** A table's load counts, as the loader wrote them in the load's transaction ({@code ferry.run_count}). */
    record Counts(long inserted, long updated, long remapped, long skipped, String checksum) {

        long held() {
            return inserted + updated;
        }
    }

    private final Connection cert;
    private final String runId;
    private final Findings findings;
    private final int examples;
    /** Per table, the temporary table of its ledger rows for the run ({@link LedgerKeys#collect}). */
    private final Map<TableId, String> ledgers = new LinkedHashMap<>();

    PostgresRunCheck(Connection cert, String runId, Findings findings, int examples) {
        this.cert = cert;
        this.runId = runId;
        this.findings = findings;
        this.examples = examples;
    }

    /**
     * The run's status in the store's {@code ferry.run}, or null when the store has no record of it (or no
     * {@code ferry} schema: {@code ferry init-target} never prepared it).
     */
    String status() throws SQLException {
        if (single("SELECT count(*) FROM pg_class WHERE oid = to_regclass('ferry.run')") == 0) {
            return null;
        }
        try (PreparedStatement st = cert.prepareStatement("SELECT status FROM ferry.run WHERE run_id = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Per table (the ledger's {@code schema.name}), what the load counted. */
    Map<String, Counts> counts() throws SQLException {
        Map<String, Counts> counts = new LinkedHashMap<>();
        try (PreparedStatement st = cert.prepareStatement("SELECT table_name, inserted, updated, remapped, skipped,"
                + " checksum FROM ferry.run_count WHERE run_id = ? ORDER BY position")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getString(6)));
                }
            }
        }
        return counts;
    }

    /**
     * Checks one table the run loaded.
     *
     * @param staged    the table's anonymized batches, or null when they are gone (ledger checks only)
     * @param rewritten the columns whose values the load may have replaced by CERT keys (compared by null count)
     */
    void table(Table target, Counts counts, StagedTable staged, TableMapping mapping, Set<String> rewritten)
            throws SQLException {
        TableId id = target.id();
        LedgerKeys keys = new LedgerKeys(target);
        String ledger = ledger(target);
        long entries = single("SELECT count(*) FROM " + ledger);
        if (entries != counts.held()) {
            findings.add("verify.ledger", Severity.ERROR, id, null, Math.abs(entries - counts.held()), List.of());
        }
        rows("verify.missing", id, "SELECT count(*) OVER (), g.rk::text FROM " + ledger + " g WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + id.qualified() + " t WHERE " + keys.matchesCollected("t", "g") + ") ORDER BY 2");
        rows("verify.changed", id, "SELECT count(*) OVER (), g.rk::text FROM " + id.qualified() + " t JOIN " + ledger
                + " g ON " + keys.matchesCollected("t", "g") + " WHERE md5(t::text) <> g.row_hash ORDER BY 2");
        if (staged == null) {
            return;
        }
        long batchRows = staged.rows();
        if (batchRows != counts.held() + counts.skipped()) {
            findings.add("verify.rows", Severity.ERROR, id, null, Math.abs(batchRows - counts.held() - counts.skipped()),
                    List.of());
        }
        // Values are compared where the load compared them before it committed (no skipped rows, no CERT trigger).
        if (counts.checksum() != null) {
            values(id, keys, ledger, staged, mapping, rewritten);
        }
    }

    private void values(TableId id, LedgerKeys keys, String ledger, StagedTable staged, TableMapping mapping,
            Set<String> rewritten) throws SQLException {
        List<ColumnMapping> compared = new ArrayList<>();
        List<Integer> batchIndex = new ArrayList<>();
        List<String> aggregates = new ArrayList<>();
        for (ColumnMapping m : mapping.columns()) {
            if (!m.loaded() || m.source() == null || m.fill() != ColumnMapping.Fill.COPY) {
                continue;
            }
            int index = staged.columns().indexOf(staged.column(m.source()).orElseThrow());
            if (!staged.columns().get(index).pgType().equals(m.targetType())) {
                continue;
            }
            String column = "t." + TableId.quote(m.target());
            aggregates.add(rewritten.contains(m.target()) ? "count(*) FILTER (WHERE " + column + " IS NULL), 0"
                    : CanonicalChecksum.aggregatesSql(List.of(CanonicalChecksum.canonicalTextSql(column))));
            compared.add(m);
            batchIndex.add(index);
        }
        if (compared.isEmpty()) {
            return;
        }
        BatchSums sums = BatchSums.of(staged);
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery("SELECT " + String.join(", ", aggregates)
                + " FROM " + id.qualified() + " t JOIN " + ledger + " g ON " + keys.matchesCollected("t", "g"))) {
            rs.next();
            for (int i = 0; i < compared.size(); i++) {
                String column = compared.get(i).target();
                int b = batchIndex.get(i);
                if (rewritten.contains(column)) {
                    long nulls = rs.getLong(2 * i + 1);
                    if (nulls != sums.nulls()[b]) {
                        findings.add("verify.nulls", Severity.ERROR, id, column, Math.abs(nulls - sums.nulls()[b]),
                                List.of());
                    }
                } else {
                    CanonicalChecksum.Value held = CanonicalChecksum.fromSql(rs.getLong(2 * i + 1), rs.getBigDecimal(2 * i + 2));
                    if (!held.equals(sums.values()[b])) {
                        findings.add("verify.values", Severity.ERROR, id, column, Math.max(1,
                                Math.abs(held.rows() - sums.values()[b].rows())), List.of());
                    }
                }
            }
        }
    }

    /**
     * The distinct values the run's rows of {@code target} hold in a reference's columns (or JSON path), to be
     * looked up where the reference points; rows with a NULL in them point nowhere.
     */
    CertLookup referenced(Table target, Reference reference) throws SQLException {
        LedgerKeys keys = new LedgerKeys(target);
        String ledger = ledger(target);
        List<String> values = new ArrayList<>();
        for (String c : reference.fromColumns()) {
            String column = "t." + TableId.quote(c);
            values.add(reference.jsonPath() == null ? column + "::text"
                    : "jsonb_path_query_first(" + column + ", " + LedgerKeys.literal(reference.jsonPath()) + ") #>> '{}'");
        }
        List<String> present = values.stream().map(v -> "(" + v + ") IS NOT NULL").toList();
        List<CertLookup.Key> found = new ArrayList<>();
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery("SELECT " + String.join(", ", values)
                + ", count(*), min(g.rk::text) FROM " + target.id().qualified() + " t JOIN " + ledger + " g ON "
                + keys.matchesCollected("t", "g") + " WHERE " + String.join(" AND ", present) + " GROUP BY "
                + String.join(", ", values))) {
            int n = values.size();
            while (rs.next()) {
                String[] key = new String[n];
                for (int i = 0; i < n; i++) {
                    key[i] = rs.getString(i + 1);
                }
                found.add(new CertLookup.Key(key, rs.getLong(n + 1), rs.getString(n + 2)));
            }
        }
        return new CertLookup(reference, "verify.references", String.join(", ", reference.fromColumns())
                + (reference.jsonPath() == null ? "" : " " + reference.jsonPath()), found);
    }

    private String ledger(Table target) throws SQLException {
        String temp = ledgers.get(target.id());
        if (temp == null) {
            temp = "ferry_verify_" + ledgers.size();
            new LedgerKeys(target).collect(cert, runId, null, temp);
            ledgers.put(target.id(), temp);
        }
        return temp;
    }

    private void rows(String check, TableId id, String query) throws SQLException {
        List<String> found = new ArrayList<>();
        long count = 0;
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery(query + " LIMIT " + examples)) {
            while (rs.next()) {
                count = rs.getLong(1);
                found.add(rs.getString(2));
            }
        }
        if (count > 0) {
            findings.add(check, Severity.ERROR, id, null, count, found);
        }
    }

    private long single(String query) throws SQLException {
        try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
