package io.ferry.coordinator.saga;

import java.util.Set;

/**
 * What the request asked for.
 *
 * @param dryRun   everything except CERT writes: the run ends after validation
 * @param skipLoad the run ends after validation too, but is not a dry run (the batches are kept for a later load)
 * @param refresh  the load replaces the district's previous run in each store, atomically per store
 * @param reuseExtraction the run starts at the leak check with a copy of the anonymized batches an earlier run of the
 *                 district kept under the same spec hash (and so the same key version), instead of extracting
 * @param gates    the approval gates the request adds to the spec's
 */
public record RunOptions(boolean dryRun, boolean skipLoad, boolean refresh, boolean reuseExtraction, Set<Gate> gates) {

    public RunOptions {
        gates = Set.copyOf(gates);
    }

    public static RunOptions defaults() {
        return new RunOptions(false, false, false, false, Set.of());
    }

    /** Whether the run loads into CERT: neither a dry run nor {@code skipLoad}. */
    public boolean loads() {
        return !dryRun && !skipLoad;
    }
}
