package io.ferry.contracts.messages;

/**
 * Validate the run's anonymized batches against CERT's live schema and the spec's rules.
 *
 * @param district      the run's district: rows another district's live run already loaded are shared, not
 *                      loaded again, so they do not count against CERT's keys
 * @param replacesRunId for a refresh, the district's loaded run the load will swap out: the rows it inserted are
 *                      gone by then, so they do not count against the new rows' keys; null otherwise
 */
public record ValidateRequest(String runId, String district, String specHash, int attempt, String replacesRunId)
        implements Message {

    public ValidateRequest {
        Require.runId("ValidateRequest.runId", runId);
        Require.text("ValidateRequest.district", district);
        Require.sha256("ValidateRequest.specHash", specHash);
        Require.attempt("ValidateRequest.attempt", attempt);
        if (replacesRunId != null) {
            Require.runId("ValidateRequest.replacesRunId", replacesRunId);
        }
    }

    /** A run that replaces none. */
    public ValidateRequest(String runId, String district, String specHash, int attempt) {
        this(runId, district, specHash, attempt, null);
    }

    @Override
    public String key() {
        return runId;
    }
}
