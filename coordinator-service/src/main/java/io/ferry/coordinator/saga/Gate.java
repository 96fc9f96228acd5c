package io.ferry.coordinator.saga;

/** A point where a run waits for a person's approval (the spec's minimum plus any the request adds). */
public enum Gate {
    BEFORE_EXTRACT, BEFORE_LOAD
}
