package io.ferry.contracts.messages;

import java.time.Instant;

/**
 * A run changed status, for observers. Published by the coordinator from its outbox in the order
 * of the run's events.
 *
 * @param previousStatus null for the first status of a run
 * @param reason         why, e.g. {@code validation FAILED} or {@code superseded by mig-...};
 *                       null when there is nothing to add; never personal data
 */
public record RunStatusChanged(String runId, String district, RunStatus status, RunStatus previousStatus,
        String reason, Instant at) implements Message {

    public RunStatusChanged {
        Require.runId("RunStatusChanged.runId", runId);
        Require.text("RunStatusChanged.district", district);
        Require.present("RunStatusChanged.status", status);
        Require.optionalText("RunStatusChanged.reason", reason);
        Require.present("RunStatusChanged.at", at);
    }

    @Override
    public String key() {
        return runId;
    }
}
