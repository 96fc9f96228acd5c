package io.ferry.contracts.messages;

import java.util.List;

/**
 * One store's extraction is complete (every batch manifest of it is sent) or could not finish.
 * Dangling references and cross-tenant rows are summarised as counts; their keys stay in the
 * extractor and the plan.
 *
 * @param tables         batches and rows per table, label or relationship type
 * @param keySetLocation staging path of the store's key sets, {@code {runId}/keys/{store}/};
 *                       null only with a failure
 * @param failure        null unless the extraction could not finish
 */
public record ExtractResult(String runId, String specHash, int attempt, String store, List<TableBatches> tables,
        String keySetLocation, List<DanglingReferences> dangling, List<CrossTenantRows> crossTenant,
        Failure failure) implements Message {

    /** @param batches how many batch manifests the table has, so the coordinator knows when it has all */
    public record TableBatches(String schema, String table, BatchKind kind, int batches, long rows) {

        public TableBatches {
            Require.text("ExtractResult.TableBatches.schema", schema);
            Require.text("ExtractResult.TableBatches.table", table);
            Require.present("ExtractResult.TableBatches.kind", kind);
            Require.count("ExtractResult.TableBatches.batches", batches);
            Require.count("ExtractResult.TableBatches.rows", rows);
        }
    }

    /**
     * References across stores whose target is not in the closure (stores share no snapshot).
     *
     * @param from the referencing end of the link, e.g. {@code hcp1.public.enrollment(person_id)}
     * @param to   the referenced end, e.g. {@code ids.public.person(id)}
     */
    public record DanglingReferences(String from, String to, long count, DanglingPolicy policy) {

        public DanglingReferences {
            Require.text("ExtractResult.DanglingReferences.from", from);
            Require.text("ExtractResult.DanglingReferences.to", to);
            Require.count("ExtractResult.DanglingReferences.count", count);
            Require.present("ExtractResult.DanglingReferences.policy", policy);
        }
    }

    /** Rows pulled in upward that another district owns, per table and owner. */
    public record CrossTenantRows(String schema, String table, String owner, long rows, CrossTenantPolicy policy) {

        public CrossTenantRows {
            Require.text("ExtractResult.CrossTenantRows.schema", schema);
            Require.text("ExtractResult.CrossTenantRows.table", table);
            Require.text("ExtractResult.CrossTenantRows.owner", owner);
            Require.count("ExtractResult.CrossTenantRows.rows", rows);
            Require.present("ExtractResult.CrossTenantRows.policy", policy);
        }
    }

    public ExtractResult {
        Require.runId("ExtractResult.runId", runId);
        Require.sha256("ExtractResult.specHash", specHash);
        Require.attempt("ExtractResult.attempt", attempt);
        Require.text("ExtractResult.store", store);
        tables = Require.list("ExtractResult.tables", tables);
        if (failure == null) {
            Require.text("ExtractResult.keySetLocation", keySetLocation);
        } else {
            Require.optionalText("ExtractResult.keySetLocation", keySetLocation);
        }
        dangling = Require.list("ExtractResult.dangling", dangling);
        crossTenant = Require.list("ExtractResult.crossTenant", crossTenant);
    }

    /** {@code {runId}/{store}}, as the request. */
    @Override
    public String key() {
        return runId + "/" + store;
    }
}
