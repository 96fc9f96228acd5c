package io.ferry.service.messaging;

import io.ferry.contracts.ContractViolation;
import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.MessageFormatException;
import io.ferry.contracts.SchemaVersion;
import io.ferry.contracts.messages.Message;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads a request record strictly: the value must be the topic's message as JSON, the record key must
 * be the message's key, {@code ferry-message-id} a UUID, {@code ferry-schema-version} one this build
 * reads (no newer major), and {@code ferry-run-id}, when present, the message's run. Anything else is a
 * {@link MessageFormatException} or {@link ContractViolation}, whose messages never quote the value, and
 * the record goes to the dead-letter topic.
 */
public final class CommandReader {

    private CommandReader() {
    }

    /**
     * @param runId the run the message names, or null for messages of no run (catalog)
     */
    public static <R extends Message> InboundCommand<R> read(InboundRecord record, Class<R> type,
            Function<R, String> runId) {
        if (record.value() == null) {
            throw new ContractViolation(type.getSimpleName() + ": the record has no value");
        }
        String version = record.headers().get(Headers.SCHEMA_VERSION);
        if (version == null) {
            throw new ContractViolation("header " + Headers.SCHEMA_VERSION + " is missing");
        }
        if (!SchemaVersion.isSupported(version)) {
            throw new ContractViolation("header " + Headers.SCHEMA_VERSION + " must be a MAJOR.MINOR no newer than "
                    + SchemaVersion.CURRENT + "'s major");
        }
        UUID messageId = messageId(record.headers().get(Headers.MESSAGE_ID));
        R request = Json.fromJson(record.value(), type);
        if (!request.key().equals(record.key())) {
            throw new ContractViolation(type.getSimpleName() + ": the record key must be the message's key");
        }
        String headerRun = record.headers().get(Headers.RUN_ID);
        String run = runId.apply(request);
        if (headerRun != null && !headerRun.equals(run)) {
            throw new ContractViolation("header " + Headers.RUN_ID + " must name the message's run");
        }
        return new InboundCommand<>(record, request, messageId);
    }

    private static UUID messageId(String header) {
        if (header == null) {
            throw new ContractViolation("header " + Headers.MESSAGE_ID + " is missing");
        }
        try {
            return UUID.fromString(header);
        } catch (IllegalArgumentException e) {
            throw new ContractViolation("header " + Headers.MESSAGE_ID + " must be a UUID");
        }
    }
}
