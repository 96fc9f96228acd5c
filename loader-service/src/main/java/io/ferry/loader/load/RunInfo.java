package io.ferry.loader.load;

import java.util.Objects;

/**
 * What {@code ferry.run} records about a run in each CERT store it loads into, so the store itself can say
 * which district it holds and under which spec and key.
 *
 * @param requestedBy who asked for the run; null when unknown
 * @param replaces    for a refresh, the earlier run of the district that this one takes the place of; else null
 */
public record RunInfo(String runId, String district, String specHash, int keyVersion, String requestedBy,
        String replaces) {

    public RunInfo(String runId, String district, String specHash, int keyVersion, String requestedBy) {
        this(runId, district, specHash, keyVersion, requestedBy, null);
    }

    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(district, "district");
        Objects.requireNonNull(specHash, "specHash");
    }
}
