package io.ferry.contracts.messages;

/** Outcome of {@code ferry verify}: whether CERT holds what the run's ledger says. */
public enum VerifyStatus {
    VALID, INVALID
}
