package io.ferry.contracts.messages;

/** Outcome of a pass-or-fail check: the preflight classification and the run's leak check. */
public enum CheckStatus {
    PASSED, FAILED
}
