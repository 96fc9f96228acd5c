package io.ferry.coordinator.saga;

/** Where a run is in the pipeline; with {@link io.ferry.contracts.messages.RunStatus} it says what the run waits for. */
public enum Step {
    /** The extractor checks the spec, the connections and PROD's fields. */
    PREFLIGHT,
    /** Stores are extracted wave by wave while the anonymizer reports each batch it finished. */
    EXTRACT,
    /** The anonymizer proves no personal value survived. */
    LEAK_CHECK,
    /** The validator checks the anonymized district against CERT. */
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
