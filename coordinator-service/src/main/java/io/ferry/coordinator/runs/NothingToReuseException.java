package io.ferry.coordinator.runs;

/** {@code reuseExtraction} was asked for, but no earlier run of the district left a usable extraction. */
public class NothingToReuseException extends RuntimeException {

    public NothingToReuseException(String message) {
        super(message);
    }
}
