package io.ferry.planning;

/** The closure cannot be computed as the rules ask (a row limit, a store error); the message names no row values. */
public class ClosureException extends RuntimeException {
    public ClosureException(String message) {
        super(message);
    }

    public ClosureException(String message, Throwable cause) {
        super(message, cause);
    }
}
