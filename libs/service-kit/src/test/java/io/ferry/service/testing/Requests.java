package io.ferry.service.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.SchemaVersion;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.Message;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Sends records as another service would and waits for what comes back, for the broker-backed tests. */
public final class Requests {

    public static final Duration WAIT = Duration.ofSeconds(60);

    private final KafkaCompanion companion;

    public Requests(KafkaCompanion companion) {
        this.companion = companion;
    }

    /** The coordinator's message id of a request: UUIDv5 of ({kind}/{key}, attempt). */
    public static UUID messageIdOf(String kind, Message request, int attempt) {
        return MessageIds.forAttempt(kind + "/" + request.key(), attempt);
    }

    /** A request record with Ferry's headers; {@code runId} null leaves the run header out. */
    public static ProducerRecord<String, String> record(String topic, String key, String value, UUID messageId,
            String runId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.MESSAGE_ID, bytes(messageId.toString()));
        if (runId != null) {
            headers.add(Headers.RUN_ID, bytes(runId));
        }
        headers.add(Headers.SCHEMA_VERSION, bytes(SchemaVersion.CURRENT));
        headers.add(Headers.CAUSATION_ID, bytes(UUID.nameUUIDFromBytes(bytes("test-run-request")).toString()));
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    /** A record of the message with Ferry's headers, its run (if it has one) in {@code ferry-run-id}. */
    public static ProducerRecord<String, String> record(String topic, Message request, UUID messageId) {
        String json = Json.toJson(request);
        String runId;
        try {
            runId = new ObjectMapper().readTree(json).path("runId").asText(null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return record(topic, request.key(), json, messageId, runId);
    }

    /** Sends and returns where the record landed. */
    public RecordMetadata send(ProducerRecord<String, String> record) {
        return companion.produceStrings().fromRecords(record).awaitCompletion(WAIT).getFirstRecord();
    }

    /**
     * Waits until the service's consumer group is stable with {@code members} members. A service's channels
     * join their group one by one at start, and each join rebalances it: a request in flight then is
     * delivered again, and a test counting the work's calls would see two.
     */
    public void awaitSettledGroup(String group, int members) {
        // named, so a service that gained a channel fails here saying which count to change
        await("consumer group " + group + " stable with " + members + " members").atMost(WAIT).until(() -> {
            ConsumerGroupDescription description = companion.consumerGroups().describe(group);
            return description.groupState() == GroupState.STABLE && description.members().size() == members;
        });
    }

    /** A consumer of the topic from its start; stop it after the test. */
    public ConsumerTask<String, String> watch(String topic) {
        return companion.consumeStrings().fromTopics(topic);
    }

    /** Waits until {@code task} has seen at least {@code count} records matching, and returns them all. */
    public static List<ConsumerRecord<String, String>> awaitRecords(ConsumerTask<String, String> task,
            Predicate<ConsumerRecord<String, String>> matching, int count) {
        await().atMost(WAIT).until(() -> matching(task, matching).size() >= count);
        return matching(task, matching);
    }

    public static List<ConsumerRecord<String, String>> matching(ConsumerTask<String, String> task,
            Predicate<ConsumerRecord<String, String>> matching) {
        return task.getRecords().stream().filter(matching).toList();
    }

    public static Predicate<ConsumerRecord<String, String>> keyed(String key) {
        return record -> key.equals(record.key());
    }

    public static Predicate<ConsumerRecord<String, String>> keyStartsWith(String prefix) {
        return record -> record.key() != null && record.key().startsWith(prefix);
    }

    /** The header's value as text, or null. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
