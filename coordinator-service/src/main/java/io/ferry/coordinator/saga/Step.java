package io.ferry.coordinator.saga;

/** Where a run is in the pipeline; with {@link io.ferry.contracts.messages.RunStatus} it says what the run waits for. */
public enum Step {
    /** The extractor checks the spec, the connections and PROD's fields. */
    PREFLIGHT,
    /** Stores are extracted wave by wave while the anonymizer reports each batch it finished. */
    EXTRACT,
    /** The anonymizer proves no personal value survived; the validator checks the district beside it (ADR 4). */
    LEAK_CHECK,
    /** The leak check passed; the validator's check of the anonymized district against CERT is awaited or done. */
    VALIDATE,
    /** Validated (and approved where a gate asks): waiting for CERT's load slot, one loading run at a time. */
    LOAD_QUEUED,
    /** The loader writes store after store in cross-store order. */
    LOAD,
    /** The loader takes the run back out of every store. */
    COMPENSATE,
    /** Nothing more to do. */
    DONE
}
