package io.ferry.anonymizer.work;

import io.ferry.contracts.messages.Failure;

/**
 * Why a batch or a leak check could not finish. The message is sanitized by whoever throws it: batch ids,
 * fields, rules, counts, never values.
 */
public final class AnonymizationFailure extends RuntimeException {

    private final Failure failure;

    private AnonymizationFailure(Failure.Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.failure = new Failure(kind, code, message);
    }

    public static AnonymizationFailure fatal(String code, String message) {
        return new AnonymizationFailure(Failure.Kind.FATAL, code, message, null);
    }

    public static AnonymizationFailure transientFailure(String code, String message, Throwable cause) {
        return new AnonymizationFailure(Failure.Kind.TRANSIENT, code, message, cause);
    }

    public Failure failure() {
        return failure;
    }
}
