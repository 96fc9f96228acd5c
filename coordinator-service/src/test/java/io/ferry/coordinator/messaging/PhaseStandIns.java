package io.ferry.coordinator.messaging;

import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.Phase;
import io.ferry.contracts.SchemaVersion;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.CompensationStatus;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.LeakCheckRequest;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.contracts.messages.LoadRequest;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.MessageTypes;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.Finding;
import io.ferry.contracts.messages.VerifyStatus;
import io.ferry.contracts.messages.VerifyResult;
import io.ferry.contracts.messages.VerifyRequest;
import io.ferry.contracts.messages.ValidationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The four phase services as the coordinator sees them, for tests of the saga over the real topics: each request
 * of the given run is answered as a service that did the work would answer it (one batch of one table per store,
 * anonymized; checks passed; CERT fingerprints for every store; a verify that finds one changed row), except a
 * load whose answer {@code loads} decides.
 * Nothing here touches a store: the phase services' own tests do that.
 */
final class PhaseStandIns implements AutoCloseable {

    private final String runId;
    private final Function<LoadRequest, Failure> loads;
    private final Set<String> lostBatches;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /** @param loads the failure a load request ends in, or null for success */
    PhaseStandIns(String bootstrap, String runId, List<String> stores, Function<LoadRequest, Failure> loads) {
        this(bootstrap, runId, stores, loads, Set.of());
    }

    /** @param lostBatches stores whose anonymized batch is never reported (its message lost) */
    PhaseStandIns(String bootstrap, String runId, List<String> stores, Function<LoadRequest, Failure> loads,
            Set<String> lostBatches) {
        this.runId = runId;
        this.loads = loads;
        this.lostBatches = Set.copyOf(lostBatches);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "stand-ins-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.PREFLIGHT_REQUESTS, Topics.EXTRACT_REQUESTS, Topics.LEAKCHECK_REQUESTS,
                Topics.VALIDATE_REQUESTS, Topics.LOAD_REQUESTS, Topics.COMPENSATE_REQUESTS, Topics.VERIFY_REQUESTS));
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Map<String, String> fingerprints = new java.util.TreeMap<>();
        stores.forEach(s -> fingerprints.put(s, "fp-" + s));
        thread = new Thread(() -> {
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Message request = Json.fromJson(r.value(), MessageTypes.forTopic(r.topic()));
                    answer(request, fingerprints);
                }
            }
            consumer.close();
        }, "phase-stand-ins");
        thread.start();
    }

    private void answer(Message request, Map<String, String> fingerprints) {
        switch (request) {
            case PreflightRequest q when q.runId().equals(runId) -> send(Topics.PREFLIGHT_RESULTS, q.key(),
                    new PreflightResult(runId, q.specHash(), q.attempt(), CheckStatus.PASSED, 12, List.of(), null));
            case ExtractRequest q when q.runId().equals(runId) -> {
                String table = "t_" + q.store();
                if (!lostBatches.contains(q.store())) {
                    send(Topics.BATCHES_ANONYMIZED, runId, new BatchManifest(BatchId.of(runId, Phase.ANONYMIZE, q.store(),
                        "public", table, 0).toString(), runId, q.specHash(), 1, Phase.ANONYMIZE, q.store(), "public", table,
                        BatchKind.TABLE, 0, "p", 50, 500, "a".repeat(64), "fp", 1, false, true));
                }
                send(Topics.EXTRACT_RESULTS, q.key(), new ExtractResult(runId, q.specHash(), q.attempt(), q.store(),
                        List.of(new ExtractResult.TableBatches("public", table, BatchKind.TABLE, 1, 50)),
                        "keys/" + q.store(), List.of(), List.of(), null));
            }
            case LeakCheckRequest q when q.runId().equals(runId) -> send(Topics.LEAKCHECK_RESULTS, q.key(),
                    new LeakCheckResult(runId, q.specHash(), q.attempt(), CheckStatus.PASSED, 5, List.of(), null));
            case ValidateRequest q when q.runId().equals(runId) -> send(Topics.VALIDATE_RESULTS, q.key(),
                    new ValidateResult(runId, q.specHash(), q.attempt(), ValidationStatus.PASSED, List.of(), fingerprints,
                            null));
            case LoadRequest q when q.runId().equals(runId) -> {
                Failure failure = loads.apply(q);
                send(Topics.LOAD_RESULTS, q.key(), new LoadResult(runId, q.specHash(), q.attempt(), q.store(),
                        failure != null ? List.of() : List.of(new LoadResult.TableCounts("public", "t_" + q.store(),
                                BatchKind.TABLE, 50, 0, 1, 0, null)), failure));
            }
            case CompensateRequest q when q.runId().equals(runId) -> send(Topics.COMPENSATE_RESULTS, q.key(),
                    new CompensateResult(runId, q.specHash(), q.attempt(), CompensationStatus.COMPENSATED, Map.of(),
                            Map.of(), List.of(), null));
            case VerifyRequest q when q.runId().equals(runId) -> send(Topics.VERIFY_RESULTS, q.key(), new VerifyResult(runId,
                    q.specHash(), q.attempt(), VerifyStatus.INVALID, List.of(new Finding("verify.changed", Severity.ERROR,
                    "ids", "public.t_ids", null, 1, List.of("{\"id\": \"7\"}"))), null));
            default -> {
                // another run's request: not this stand-in's
            }
        }
    }

    private void send(String topic, String key, Message message) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.MESSAGE_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.RUN_ID, runId.getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.SCHEMA_VERSION, SchemaVersion.CURRENT.getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topic, null, key, Json.toJson(message), headers));
        producer.flush();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        producer.close();
    }
}
