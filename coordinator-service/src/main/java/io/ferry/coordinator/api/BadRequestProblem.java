package io.ferry.coordinator.api;

/** A request the API cannot take, with what to change. */
public final class BadRequestProblem extends RuntimeException {

    public BadRequestProblem(String message) {
        super(message);
    }
}
