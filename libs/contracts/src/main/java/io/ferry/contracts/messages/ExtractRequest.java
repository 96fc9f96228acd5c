package io.ferry.contracts.messages;

import java.util.List;

/**
 * Extract one store's part of the district's closure. Stores go in dependency waves: a store reached
 * through cross-store links waits until the stores it points at have written their key sets.
 *
 * @param wave      0 for stores that depend on no other store, else one more than the latest
 *                  wave among {@code dependsOn}
 * @param dependsOn stores whose key sets ({@code {runId}/keys/{store}/}) this extraction reads
 */
public record ExtractRequest(String runId, String district, String specHash, int attempt, String store, int wave,
        List<String> dependsOn) implements Message {

    public ExtractRequest {
        Require.runId("ExtractRequest.runId", runId);
        Require.text("ExtractRequest.district", district);
        Require.sha256("ExtractRequest.specHash", specHash);
        Require.attempt("ExtractRequest.attempt", attempt);
        Require.text("ExtractRequest.store", store);
        Require.count("ExtractRequest.wave", wave);
        dependsOn = Require.list("ExtractRequest.dependsOn", dependsOn);
        Require.rule(dependsOn.isEmpty() == (wave == 0),
                "ExtractRequest: wave 0 is for stores without dependencies, later waves depend on a store");
        Require.rule(!dependsOn.contains(store), "ExtractRequest: a store cannot depend on itself");
    }

    /** {@code {runId}/{store}}: one store's extraction stays in order. */
    @Override
    public String key() {
        return runId + "/" + store;
    }
}
