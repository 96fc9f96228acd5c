package io.ferry.staging;

/** A staging operation failed; the message names the key and the cause, never the object's contents. */
public class StagingException extends RuntimeException {

    public StagingException(String message) {
        super(message);
    }

    public StagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
