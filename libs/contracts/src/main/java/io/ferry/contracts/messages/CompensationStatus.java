package io.ferry.contracts.messages;

/**
 * Outcome of compensation: {@code COMPENSATED} when every touched table is back to its state before
 * the load, {@code BLOCKED} when testers changed or referenced loaded rows and the request was not
 * forced, {@code FAILED} when the loader could not finish.
 */
public enum CompensationStatus {
    COMPENSATED, BLOCKED, FAILED
}
