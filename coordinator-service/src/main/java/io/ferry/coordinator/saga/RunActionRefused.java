package io.ferry.coordinator.saga;

/** An operator asked for something the run's state does not allow (approve a running run, cancel a finished one). */
public final class RunActionRefused extends RuntimeException {

    public RunActionRefused(String message) {
        super(message);
    }
}
