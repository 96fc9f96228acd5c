package io.ferry.contracts.messages;

import java.util.List;

/**
 * One store is loaded (committed) or was not (rolled back, with a failure).
 *
 * @param failure null unless the store's transaction did not commit
 */
public record LoadResult(String runId, String specHash, int attempt, String store, List<TableCounts> tables,
        Failure failure) implements Message {

    /**
     * The failure code of a load that did not begin: a store it references had no key map to give, because that
     * store's load failed or did not decide its keys in time (stores load beside the stores they reference, ADR 4).
     * Nothing was written; the coordinator sends it again once those stores are loading or loaded, without counting
     * it as a retry. Its kind is {@code FATAL}, so that the loader does not retry it in-process: the coordinator
     * recognises the code before the kind.
     */
    public static final String NOT_BEGUN = "REFERENCED_STORE_NOT_READY";

    /**
     * @param inserted new rows
     * @param updated  rows overwritten under the {@code upsert} strategy (before-images in the ledger)
     * @param remapped inserted rows that got a fresh surrogate key because theirs collided
     * @param skipped  rows left out under the {@code skip} strategy because CERT has their natural key
     * @param checksum the canonical checksum (16 hex digits; the staging library's {@code CanonicalChecksum}) of
     *                 the rows CERT holds for the run in this table, over the columns that arrive unchanged or
     *                 through the key maps, which the loader found equal to the batches' before it committed;
     *                 null where the table was compared by count only (rows skipped, CERT triggers fired, a graph)
     */
    public record TableCounts(String schema, String table, BatchKind kind, long inserted, long updated,
            long remapped, long skipped, String checksum) {

        public TableCounts {
            Require.text("LoadResult.TableCounts.schema", schema);
            Require.text("LoadResult.TableCounts.table", table);
            Require.present("LoadResult.TableCounts.kind", kind);
            Require.count("LoadResult.TableCounts.inserted", inserted);
            Require.count("LoadResult.TableCounts.updated", updated);
            Require.count("LoadResult.TableCounts.remapped", remapped);
            Require.count("LoadResult.TableCounts.skipped", skipped);
            Require.rule(checksum == null || checksum.matches("[0-9a-f]{16}"),
                    "LoadResult.TableCounts.checksum must be 16 lowercase hex digits or null");
        }
    }

    public LoadResult {
        Require.runId("LoadResult.runId", runId);
        Require.sha256("LoadResult.specHash", specHash);
        Require.attempt("LoadResult.attempt", attempt);
        Require.text("LoadResult.store", store);
        tables = Require.list("LoadResult.tables", tables);
        Require.rule(failure == null || tables.isEmpty(),
                "LoadResult: a failed load was rolled back and must report no table counts");
    }

    @Override
    public String key() {
        return runId;
    }
}
