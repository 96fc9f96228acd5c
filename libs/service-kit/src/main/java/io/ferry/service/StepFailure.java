package io.ferry.service;

import io.ferry.contracts.messages.Failure;

/**
 * Why a step of a phase service could not finish: the {@link Failure} its result reports, and whether an
 * in-process retry may help ({@link #isTransient()}). The message is sanitized by whoever throws it:
 * tables, columns, SQL states, settings and counts, never row values (results are stored and scanned
 * for leaks). Services subclass it for the failures only they raise.
 */
public class StepFailure extends RuntimeException {

    private final Failure failure;

    public StepFailure(Failure.Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.failure = new Failure(kind, code, message);
    }

    public static StepFailure transientFailure(String code, String message, Throwable cause) {
        return new StepFailure(Failure.Kind.TRANSIENT, code, message, cause);
    }

    public static StepFailure fatal(String code, String message) {
        return new StepFailure(Failure.Kind.FATAL, code, message, null);
    }

    public final Failure failure() {
        return failure;
    }

    public final boolean isTransient() {
        return failure.kind() == Failure.Kind.TRANSIENT;
    }
}
