package io.ferry.coordinator.saga;

import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.Message;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Something that happened to a run: a request, a phase service's answer, an operator's action, or a sweep.
 * {@link #id()} is the causation of the commands it leads to (a message's id, or one the API made).
 */
public sealed interface RunEvent {

    UUID id();

    /** Who: an operator's name, or the service or part of the coordinator that saw it. */
    String by();

    Instant at();

    /** A run was asked for; creates it. */
    record Requested(UUID id, String runId, String district, String specHash, RunOptions options, RunPlan plan,
            String by, Instant at) implements RunEvent {
    }

    /** A phase service answered a command: a {@code *Result} message of the run. */
    record Answered(UUID id, Message result, String by, Instant at) implements RunEvent {
    }

    /** The anonymizer finished one batch of the run. */
    record BatchAnonymized(UUID id, BatchManifest manifest, Instant at) implements RunEvent {
        @Override
        public String by() {
            return "anonymizer";
        }
    }

    /** No other run is loading into CERT: this one may. */
    record LoadSlotGranted(UUID id, Instant at) implements RunEvent {
        @Override
        public String by() {
            return "coordinator";
        }
    }

    record Approved(UUID id, String by, Instant at) implements RunEvent {
    }

    record Cancelled(UUID id, String by, String reason, Instant at) implements RunEvent {
    }

    /** Take a finished (or stopped) run back out of CERT; {@code force} goes past rows testers changed. */
    record RollbackRequested(UUID id, String by, boolean force, Instant at) implements RunEvent {
    }

    /**
     * Go on from a blocked or stuck run's current step, after reconciling the run with what staging holds.
     *
     * @param staged per {@code store/schema.table}, the anonymized batches staging holds for the run when resume was
     *               asked for; null when it was not looked at
     */
    record Resumed(UUID id, String by, Instant at, Map<String, Set<Integer>> staged) implements RunEvent {
    }

    /** Check what CERT holds for a finished run against its ledger and batches (the validator's verify). */
    record VerifyRequested(UUID id, String by, Instant at) implements RunEvent {
    }

    /** A sweep found the run without progress for the sweeper's timeout. */
    record Stalled(UUID id, Instant at) implements RunEvent {
        @Override
        public String by() {
            return "sweeper";
        }
    }

    /** A message of the run could not be processed and went to a dead-letter topic. */
    record DeadLettered(UUID id, String topic, String reason, Instant at) implements RunEvent {
        @Override
        public String by() {
            return "dead-letter";
        }
    }
}
