package io.ferry.contracts.messages;

/**
 * Load one store's part of the run into CERT, in one transaction. Stores are sent one at a time in
 * cross-store dependency order.
 *
 * @param certSchemaFingerprint the store's CERT schema fingerprint from validation; the loader
 *                              recomputes it and fails if CERT changed
 * @param replacesRunId         for a refresh, the run whose rows are deleted in the same
 *                              transaction; null otherwise
 */
public record LoadRequest(String runId, String district, String specHash, int attempt, String store,
        String certSchemaFingerprint, String replacesRunId) implements Message {

    public LoadRequest {
        Require.runId("LoadRequest.runId", runId);
        Require.text("LoadRequest.district", district);
        Require.sha256("LoadRequest.specHash", specHash);
        Require.attempt("LoadRequest.attempt", attempt);
        Require.text("LoadRequest.store", store);
        Require.text("LoadRequest.certSchemaFingerprint", certSchemaFingerprint);
        if (replacesRunId != null) {
            Require.runId("LoadRequest.replacesRunId", replacesRunId);
        }
    }

    @Override
    public String key() {
        return runId;
    }
}
