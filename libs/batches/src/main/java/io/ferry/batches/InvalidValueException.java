package io.ferry.batches;

/**
 * A text value is not what its column's type prints. Internal: {@link BatchWriter} turns it into a
 * {@link BatchFormatException} that adds the row and column. The message says what is wrong with
 * the value, never the value itself.
 */
final class InvalidValueException extends RuntimeException {

    InvalidValueException(String reason) {
        super(reason, null, false, false);
    }
}
