package io.ferry.contracts;

/**
 * A message could not be written or read as JSON. The message names the record class and the JSON
 * path of the problem but never quotes a value from the payload.
 */
public class MessageFormatException extends RuntimeException {

    public MessageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
