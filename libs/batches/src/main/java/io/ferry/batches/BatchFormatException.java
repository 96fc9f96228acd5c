package io.ferry.batches;

/**
 * A batch or a value does not have the form it must have: a COPY row with the wrong number of
 * fields, a value that does not parse as its column's type, a file that is not a readable batch or
 * cannot be decrypted. The message names the file, row, column and type; never a value.
 */
public class BatchFormatException extends RuntimeException {

    public BatchFormatException(String message) {
        super(message);
    }

    public BatchFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
