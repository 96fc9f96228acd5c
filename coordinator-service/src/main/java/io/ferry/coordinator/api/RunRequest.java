package io.ferry.coordinator.api;

/**
 * {@code POST /runs}: the district (the value of the spec's tenant key) and what to do.
 *
 * @param reuseExtraction      start at the leak check with the anonymized batches an earlier run of the district kept
 *                             under the same spec hash
 * @param approveBeforeExtract a gate the request adds (the spec's gates always hold; a request cannot remove one)
 */
public record RunRequest(String district, Boolean dryRun, Boolean skipLoad, Boolean refresh, Boolean reuseExtraction,
        Boolean approveBeforeExtract, Boolean approveBeforeLoad) {
}
