package io.ferry.contracts.messages;

/**
 * The first command of every run: the extractor classifies every column, JSON path and graph
 * property in the district's closure before any file is written.
 *
 * @param specHash names the spec in staging ({@code specs/{specHash}.yaml})
 * @param attempt  1 for the first send; a retry is the next attempt
 */
public record PreflightRequest(String runId, String district, String specHash, int attempt) implements Message {

    public PreflightRequest {
        Require.runId("PreflightRequest.runId", runId);
        Require.text("PreflightRequest.district", district);
        Require.sha256("PreflightRequest.specHash", specHash);
        Require.attempt("PreflightRequest.attempt", attempt);
    }

    @Override
    public String key() {
        return runId;
    }
}
