package io.ferry.contracts.messages;

/** Check that CERT holds exactly what the run's ledger says it loaded (or, after compensation, nothing). */
public record VerifyRequest(String runId, String specHash, int attempt) implements Message {

    public VerifyRequest {
        Require.runId("VerifyRequest.runId", runId);
        Require.sha256("VerifyRequest.specHash", specHash);
        Require.attempt("VerifyRequest.attempt", attempt);
    }

    @Override
    public String key() {
        return runId;
    }
}
