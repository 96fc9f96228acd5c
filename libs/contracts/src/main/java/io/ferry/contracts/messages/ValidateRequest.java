package io.ferry.contracts.messages;

/** Validate the run's anonymized batches against CERT's live schema and the spec's rules. */
public record ValidateRequest(String runId, String specHash, int attempt) implements Message {

    public ValidateRequest {
        Require.runId("ValidateRequest.runId", runId);
        Require.sha256("ValidateRequest.specHash", specHash);
        Require.attempt("ValidateRequest.attempt", attempt);
    }

    @Override
    public String key() {
        return runId;
    }
}
