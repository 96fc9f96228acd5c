package io.ferry.coordinator.saga;

import io.ferry.contracts.messages.VerifyStatus;

/**
 * The latest verify of a finished run: what CERT holds for it, checked by the validator against its ledger and
 * batches. Asked for again at will; each ask is a new attempt, and only the latest one's answer counts.
 *
 * @param status   null while the validator has not answered
 * @param errors   error findings (any makes the run {@code INVALID})
 * @param warnings warning findings
 * @param failure  why the verify could not run ({@code CODE: message}); null when it ran
 */
public record Verification(int attempt, VerifyStatus status, int errors, int warnings, String failure) {

    static Verification asked(int attempt) {
        return new Verification(attempt, null, 0, 0, null);
    }
}
