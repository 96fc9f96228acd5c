package io.ferry.contracts.messages;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compensation's outcome with its proof: per store and touched table, the row count and checksum
 * before the load and after compensation; they are equal when the table is back as it was.
 *
 * @param before  store to qualified table ({@code schema.table}) to proof, taken before the load
 * @param after   the same, taken after compensation
 * @param blocked rows that stopped compensation ({@code BLOCKED}), or that a forced request went past
 * @param failure null unless status is {@code FAILED}
 */
public record CompensateResult(String runId, String specHash, int attempt, CompensationStatus status,
        Map<String, Map<String, TableProof>> before, Map<String, Map<String, TableProof>> after,
        List<BlockedRow> blocked, Failure failure) implements Message {

    /**
     * @param checksum {@code md5(string_agg(t::text, E'\n' ORDER BY t::text))} of the table's ledger
     *                 rows; null when {@code rows} is 0 (the aggregate of no rows is SQL NULL)
     */
    public record TableProof(long rows, String checksum) {

        public TableProof {
            Require.count("CompensateResult.TableProof.rows", rows);
            Require.optionalText("CompensateResult.TableProof.checksum", checksum);
            Require.rule(rows == 0 || checksum != null,
                    "CompensateResult.TableProof.checksum is required when rows > 0");
        }
    }

    /**
     * A loaded row that compensation would not silently undo.
     *
     * @param key the row's primary key in CERT as text, e.g. {@code 1042} or {@code (7,3)}
     */
    public record BlockedRow(String store, String table, String key, Cause cause) {

        public BlockedRow {
            Require.text("CompensateResult.BlockedRow.store", store);
            Require.text("CompensateResult.BlockedRow.table", table);
            Require.text("CompensateResult.BlockedRow.key", key);
            Require.present("CompensateResult.BlockedRow.cause", cause);
        }
    }

    public enum Cause {
        /** The row differs from the hash the ledger recorded at load. */
        CHANGED_SINCE_LOAD,
        /** A row outside the ledger references it. */
        REFERENCED_FROM_OUTSIDE
    }

    public CompensateResult {
        Require.runId("CompensateResult.runId", runId);
        Require.sha256("CompensateResult.specHash", specHash);
        Require.attempt("CompensateResult.attempt", attempt);
        Require.present("CompensateResult.status", status);
        before = proofs("CompensateResult.before", before);
        after = proofs("CompensateResult.after", after);
        blocked = Require.list("CompensateResult.blocked", blocked);
        Require.rule((failure != null) == (status == CompensationStatus.FAILED),
                "CompensateResult: status FAILED goes with a failure, and only it");
        Require.rule(status != CompensationStatus.BLOCKED || !blocked.isEmpty(),
                "CompensateResult: status BLOCKED must list the blocked rows");
    }

    @Override
    public String key() {
        return runId;
    }

    private static Map<String, Map<String, TableProof>> proofs(String field,
            Map<String, Map<String, TableProof>> byStore) {
        return Require.map(field, byStore).entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, store -> Require.map(field + "." + store.getKey(), store.getValue())));
    }
}
