package io.ferry.coordinator.persistence;

/** An event or action named a run the coordinator does not hold. */
public final class UnknownRunException extends RuntimeException {

    public UnknownRunException(String runId) {
        super("no run " + runId);
    }
}
