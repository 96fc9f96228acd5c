package io.ferry.service.messaging;

import io.ferry.contracts.messages.Failure;
import io.ferry.service.StepFailure;

/** Turns whatever stopped a step into the {@link Failure} its result carries. */
public final class Failures {

    /** The code of a failure that is no {@link StepFailure}: a bug or an unexpected error. */
    public static final String INTERNAL = "INTERNAL";

    private Failures() {
    }

    /**
     * A {@link StepFailure}'s own failure (its thrower sanitized it); anything else is a fatal
     * {@code INTERNAL} failure naming only the exception's class, because driver and library messages
     * may quote row values.
     */
    public static Failure of(Throwable thrown) {
        if (thrown instanceof StepFailure failure) {
            return failure.failure();
        }
        return new Failure(Failure.Kind.FATAL, INTERNAL, "internal error: " + thrown.getClass().getName());
    }
}
