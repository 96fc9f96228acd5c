package io.ferry.contracts;

/**
 * Kafka record headers every Ferry message carries (DESIGN.md, Interfaces). Values are UTF-8
 * strings.
 */
public final class Headers {

    /** UUIDv5 of (batch or command id, attempt), see {@link io.ferry.contracts.ids.MessageIds}. */
    public static final String MESSAGE_ID = "ferry-message-id";
    /** The run the message belongs to; catalog messages, which belong to no run, leave it out. */
    public static final String RUN_ID = "ferry-run-id";
    /** {@link SchemaVersion#CURRENT} of the producer. */
    public static final String SCHEMA_VERSION = "ferry-schema-version";
    /** Id of the message that caused this one; stays the same across retries. */
    public static final String CAUSATION_ID = "ferry-causation-id";
    /** On {@code <topic>.dlq} only: the exception class and its sanitized message. */
    public static final String DLQ_REASON = "ferry-dlq-reason";

    private Headers() {
    }

    /**
     * The {@link #DLQ_REASON} value for a failure: the exception class, and its message only when
     * Ferry wrote it to be value-free ({@link ContractViolation}, {@link MessageFormatException}).
     * Other exceptions (JDBC, Jackson, ...) may quote row values in their messages, so only their
     * class travels.
     */
    public static String dlqReason(Throwable failure) {
        String type = failure.getClass().getName();
        if ((failure instanceof ContractViolation || failure instanceof MessageFormatException)
                && failure.getMessage() != null) {
            return type + ": " + failure.getMessage();
        }
        return type;
    }
}
