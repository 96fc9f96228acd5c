package io.ferry.contracts.messages;

/**
 * The run-wide leak check, sent after the last batch is anonymized: every token of every output
 * field is hashed with the leak key and looked up among the source identifiers.
 *
 * @param anonymizedBatches how many anonymized batches the coordinator received, so the anonymizer
 *                          refuses to pass a check over fewer
 */
public record LeakCheckRequest(String runId, String specHash, int attempt, int anonymizedBatches) implements Message {

    public LeakCheckRequest {
        Require.runId("LeakCheckRequest.runId", runId);
        Require.sha256("LeakCheckRequest.specHash", specHash);
        Require.attempt("LeakCheckRequest.attempt", attempt);
        Require.count("LeakCheckRequest.anonymizedBatches", anonymizedBatches);
    }

    @Override
    public String key() {
        return runId;
    }
}
