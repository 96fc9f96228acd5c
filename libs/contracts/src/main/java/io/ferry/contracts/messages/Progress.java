package io.ferry.contracts.messages;

import io.ferry.contracts.Phase;
import java.time.Instant;

/**
 * How far a phase has got, for observers (API, command line, dashboards). Best effort: a lost or
 * repeated progress message changes nothing.
 *
 * @param store     null when the phase is not about one store
 * @param table     qualified {@code schema.table} (or label, relationship type); null when the
 *                  phase is not about one table
 * @param rowsTotal null while the total is unknown
 */
public record Progress(String runId, Phase phase, String store, String table, long rowsDone, Long rowsTotal,
        double rowsPerSec, Instant at) implements Message {

    public Progress {
        Require.runId("Progress.runId", runId);
        Require.present("Progress.phase", phase);
        Require.optionalText("Progress.store", store);
        Require.optionalText("Progress.table", table);
        Require.count("Progress.rowsDone", rowsDone);
        if (rowsTotal != null) {
            Require.count("Progress.rowsTotal", rowsTotal);
        }
        Require.rule(Double.isFinite(rowsPerSec) && rowsPerSec >= 0,
                "Progress.rowsPerSec must be a finite number, 0 or more");
        Require.present("Progress.at", at);
    }

    @Override
    public String key() {
        return runId;
    }
}
