package io.ferry.coordinator.messaging;

import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.MessageTypes;
import io.ferry.coordinator.saga.Commands;
import io.ferry.coordinator.saga.RunEvent;
import io.ferry.service.messaging.InboundRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a record on one of the coordinator's input topics means for a run: a phase service's result, an
 * anonymized batch, or a dead letter of a message of the run. Pure: no Kafka types, the time given.
 */
public final class RunEvents {

    /** The topics the coordinator reads: results, anonymized batches, and the dead letters of what it and the phases send. */
    public static final List<String> TOPICS = List.of(Topics.PREFLIGHT_RESULTS, Topics.EXTRACT_RESULTS,
            Topics.BATCHES_ANONYMIZED, Topics.LEAKCHECK_RESULTS, Topics.VALIDATE_RESULTS, Topics.LOAD_RESULTS,
            Topics.COMPENSATE_RESULTS, Topics.VERIFY_RESULTS, Topics.dlq(Topics.PREFLIGHT_REQUESTS), Topics.dlq(Topics.EXTRACT_REQUESTS),
            Topics.dlq(Topics.BATCHES_EXTRACTED), Topics.dlq(Topics.LEAKCHECK_REQUESTS),
            Topics.dlq(Topics.VALIDATE_REQUESTS), Topics.dlq(Topics.LOAD_REQUESTS), Topics.dlq(Topics.COMPENSATE_REQUESTS),
            Topics.dlq(Topics.VERIFY_REQUESTS));

    /** A record of a run, read. */
    public record Read(String runId, RunEvent event) {
    }

    private RunEvents() {
    }

    /**
     * @return the run and its event; empty for a record that names no run (a dead letter without a run header)
     * @throws io.ferry.contracts.MessageFormatException a value that does not read as its topic's message
     */
    public static Optional<Read> read(InboundRecord record, Instant now) {
        UUID id = messageId(record);
        if (Topics.isDlq(record.topic())) {
            String runId = record.headers().get(Headers.RUN_ID);
            if (runId == null) {
                return Optional.empty();
            }
            return Optional.of(new Read(runId, new RunEvent.DeadLettered(id, Topics.baseOf(record.topic()),
                    record.headers().getOrDefault(Headers.DLQ_REASON, "no reason given"), now)));
        }
        Message message = Json.fromJson(record.value(), MessageTypes.forTopic(record.topic()));
        if (message instanceof BatchManifest batch) {
            return Optional.of(new Read(batch.runId(), new RunEvent.BatchAnonymized(id, batch, now)));
        }
        String runId = Commands.answered(message).map(Commands.Answer::runId).orElseThrow(() ->
                new IllegalArgumentException("not a result the coordinator reads: " + message.getClass().getSimpleName()));
        return Optional.of(new Read(runId, new RunEvent.Answered(id, message, sender(record.topic()), now)));
    }

    /** The record's message id; one derived from where it is when a producer left the header out. */
    private static UUID messageId(InboundRecord record) {
        String header = record.headers().get(Headers.MESSAGE_ID);
        if (header != null) {
            try {
                return UUID.fromString(header);
            } catch (IllegalArgumentException e) {
                // fall through to the position: still unique, and the same on a redelivery
            }
        }
        return MessageIds.uuidV5(MessageIds.FERRY_NAMESPACE, record.topic() + "/" + record.partition() + "/"
                + record.offset());
    }

    private static String sender(String topic) {
        return switch (topic) {
            case Topics.PREFLIGHT_RESULTS, Topics.EXTRACT_RESULTS -> "extractor";
            case Topics.LEAKCHECK_RESULTS -> "anonymizer";
            case Topics.VALIDATE_RESULTS, Topics.VERIFY_RESULTS -> "validator";
            default -> "loader";
        };
    }
}
