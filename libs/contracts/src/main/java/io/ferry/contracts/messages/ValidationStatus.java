package io.ferry.contracts.messages;

/** Outcome of validation; {@code FAILED} stops the run before CERT is touched. */
public enum ValidationStatus {
    PASSED, PASSED_WITH_WARNINGS, FAILED
}
