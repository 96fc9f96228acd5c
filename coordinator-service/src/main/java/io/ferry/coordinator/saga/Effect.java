package io.ferry.coordinator.saga;

import io.ferry.contracts.messages.RunStatusChanged;
import java.time.Duration;

/** What a decision asks the coordinator to do, in the same transaction as the new state (outbox rows) or after it. */
public sealed interface Effect {

    /** A command to a phase service, sent by the outbox relay once {@code delay} has passed (a retry's backoff). */
    record Send(Pending command, Duration delay) implements Effect {
    }

    /** A status change, published on {@code ferry.runs.v1}. */
    record Announce(RunStatusChanged change) implements Effect {
    }

    /** Write the run's report (JSON, Markdown, HTML) from its state and audit trail. */
    record WriteReport() implements Effect {
    }

    /** Delete the run's raw (extracted, not yet anonymized) batches: a run that ends early leaves no PROD data behind. */
    record CleanRawStaging() implements Effect {
    }
}
