package io.ferry.cli;

/**
 * A failure the user can act on: printed as one line ({@code ferry: message}) without a stack
 * trace, and turned into the given exit code.
 */
public class FerryException extends RuntimeException {

    private final int exitCode;

    public FerryException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public FerryException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
