package io.ferry.contracts.messages;

/**
 * Take the run's rows back out of every CERT store it touched, from the ledger, in reverse load
 * order. Also used for rollback of a finished run and for the old run of a refresh.
 *
 * @param force  proceed even where testers changed or referenced loaded rows
 * @param reason why, for the audit trail, e.g. {@code load failed} or {@code superseded by mig-...};
 *               never personal data
 */
public record CompensateRequest(String runId, String specHash, int attempt, boolean force, String reason)
        implements Message {

    public CompensateRequest {
        Require.runId("CompensateRequest.runId", runId);
        Require.sha256("CompensateRequest.specHash", specHash);
        Require.attempt("CompensateRequest.attempt", attempt);
        Require.text("CompensateRequest.reason", reason);
    }

    @Override
    public String key() {
        return runId;
    }
}
