package io.ferry.extractor.messaging;

import static io.ferry.service.testing.Requests.awaitRecords;
import static io.ferry.service.testing.Requests.header;
import static io.ferry.service.testing.Requests.keyStartsWith;
import static io.ferry.service.testing.Requests.keyed;
import static io.ferry.service.testing.Requests.matching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.SchemaVersion;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CatalogKind;
import io.ferry.contracts.messages.CatalogRequest;
import io.ferry.contracts.messages.CatalogResult;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.extractor.extraction.ExtractionFailure;
import io.ferry.service.testing.Requests;
import io.ferry.extractor.testing.ScriptedCatalog;
import io.ferry.extractor.testing.ScriptedPreflight;
import io.ferry.extractor.testing.ScriptedStoreExtractor;
import io.ferry.extractor.testing.StagingRootResource;
import io.ferry.extractor.testing.TestTopics;
import io.ferry.service.testing.TestSpecs;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The extractor behind a real (in-process) broker, with scripted work ports: what it sends for a
 * request, in which order relative to committing the request, and what redelivery, retries, failures
 * and unreadable records lead to. Every test uses its own run and store, so they share the topics.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = StagingRootResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ExtractorMessagingIT {

    private static final String SPEC_HASH = TestSpecs.hashOf(TestSpecs.pagilaText());
    private static final String GROUP = "ferry-extractor";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    ScriptedStoreExtractor extractor;

    @Inject
    ScriptedPreflight preflight;

    @Inject
    ScriptedCatalog catalog;

    @ConfigProperty(name = "ferry.extractor.staging.root")
    Path stagingRoot;

    private Requests requests;
    private ConsumerTask<String, String> manifests;
    private ConsumerTask<String, String> extractResults;
    private ConsumerTask<String, String> progress;

    @BeforeEach
    void watchOutputs() {
        requests = new Requests(companion);
        requests.awaitSettledGroup(GROUP, 3); // its request channels
        manifests = requests.watch(Topics.BATCHES_EXTRACTED);
        extractResults = requests.watch(Topics.EXTRACT_RESULTS);
        progress = requests.watch(Topics.PROGRESS);
        extractor.script(ScriptedStoreExtractor::threeBatches);
    }

    @AfterEach
    void stopWatching() {
        manifests.stop();
        extractResults.stop();
        progress.stop();
    }

    @Test
    void sendsEveryManifestThenTheResultAndCommitsTheRequestOnlyAfterwards() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        extractor.script((request, spec, listener, call) -> {
            for (int seq = 0; seq < 3; seq++) {
                listener.batch(ScriptedStoreExtractor.manifest(request, seq, seq == 2));
            }
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ScriptedStoreExtractor.result(request);
        });
        ExtractRequest request = extract("mig-20261121060000-101", "pagila");
        UUID requestId = Requests.messageIdOf("extract", request, 1);
        RecordMetadata sent = requests.send(Requests.record(Topics.EXTRACT_REQUESTS, request, requestId));
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());

        List<ConsumerRecord<String, String>> batches = awaitRecords(manifests, keyStartsWith(request.runId() + "/"), 3);
        assertThat(batches).hasSize(3);
        for (int seq = 0; seq < 3; seq++) {
            ConsumerRecord<String, String> record = batches.get(seq);
            String batchId = request.runId() + "/extract/pagila/public.person/" + seq;
            assertThat(record.key()).isEqualTo(batchId);
            assertThat(Json.fromJson(record.value(), BatchManifest.class))
                    .isEqualTo(ScriptedStoreExtractor.manifest(request, seq, seq == 2));
            assertHeaders(record, MessageIds.forAttempt(Topics.BATCHES_EXTRACTED + "/" + batchId, 1), request.runId(), requestId);
        }

        // The work is still running: no result, and the request's offset is not committed.
        Thread.sleep(1_000); // five commit intervals of the test configuration
        assertThat(matching(extractResults, keyed(request.key()))).isEmpty();
        OffsetAndMetadata before = companion.consumerGroups().offsets(GROUP, partition);
        assertThat(before == null ? 0 : before.offset()).isLessThanOrEqualTo(sent.offset());

        release.countDown();
        ConsumerRecord<String, String> result = awaitRecords(extractResults, keyed(request.key()), 1).getFirst();
        assertThat(Json.fromJson(result.value(), ExtractResult.class)).isEqualTo(ScriptedStoreExtractor.result(request));
        assertHeaders(result, MessageIds.forAttempt(Topics.EXTRACT_RESULTS + "/" + request.runId() + "/pagila", 1), request.runId(), requestId);
        await().atMost(Requests.WAIT).untilAsserted(() ->
                assertThat(companion.consumerGroups().offsets(GROUP, partition).offset()).isEqualTo(sent.offset() + 1));
        assertThat(extractor.calls()).isEqualTo(1);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("ferry_extract_rows_total{store=\"pagila\"} 300.0")
                .contains("ferry_extract_batches_total{store=\"pagila\"} 3.0")
                .contains("ferry_extract_bytes_total{store=\"pagila\"} 12288.0")
                .contains("ferry_extract_duration_seconds_count{store=\"pagila\"} 1.0");
    }

    @Test
    void aLongExtractionDoesNotHoldUpOtherRequests() {
        CountDownLatch release = new CountDownLatch(1);
        extractor.script((request, spec, listener, call) -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ScriptedStoreExtractor.result(request);
        });
        ConsumerTask<String, String> answers = requests.watch(Topics.CATALOG_RESULTS);
        try {
            ExtractRequest slow = extract("mig-20261121060000-110", "slow");
            requests.send(Requests.record(Topics.EXTRACT_REQUESTS, slow, Requests.messageIdOf("extract", slow, 1)));
            await().atMost(Requests.WAIT).until(() -> extractor.calls() == 1);
            CatalogRequest question = new CatalogRequest("cat-while-extracting", CatalogKind.SCHEMA, SPEC_HASH, 1, null);
            requests.send(Requests.record(Topics.CATALOG_REQUESTS, question,
                    Requests.messageIdOf("catalog", question, 1)));

            awaitRecords(answers, keyed("cat-while-extracting"), 1);
            assertThat(matching(extractResults, keyed(slow.key()))).isEmpty();
        } finally {
            release.countDown();
            answers.stop();
        }
        awaitRecords(extractResults, keyed("mig-20261121060000-110/slow"), 1);
    }

    @Test
    void progressGoesOutWithTheRequestsCausation() {
        ExtractRequest request = extract("mig-20261121060000-107", "hcp2");
        UUID requestId = Requests.messageIdOf("extract", request, 1);
        requests.send(Requests.record(Topics.EXTRACT_REQUESTS, request, requestId));

        awaitRecords(extractResults, keyed(request.key()), 1);
        List<ConsumerRecord<String, String>> reports = awaitRecords(progress, keyed(request.runId()), 3);
        assertThat(reports).allSatisfy(record -> {
            assertThat(header(record, Headers.CAUSATION_ID)).isEqualTo(requestId.toString());
            assertThat(header(record, Headers.RUN_ID)).isEqualTo(request.runId());
        });
    }

    @Test
    void aRedeliveredRequestGetsItsStoredResultWithoutRunningAgain() {
        ExtractRequest request = extract("mig-20261121060000-102", "hcp1");
        UUID requestId = Requests.messageIdOf("extract", request, 1);
        requests.send(Requests.record(Topics.EXTRACT_REQUESTS, request, requestId));
        ConsumerRecord<String, String> first = awaitRecords(extractResults, keyed(request.key()), 1).getFirst();
        awaitRecords(manifests, keyStartsWith(request.runId() + "/"), 3);
        assertThat(stagingRoot.resolve(request.runId() + "/results/extract.hcp1.1.json")).isRegularFile();

        requests.send(Requests.record(Topics.EXTRACT_REQUESTS, request, requestId));

        List<ConsumerRecord<String, String>> results = awaitRecords(extractResults, keyed(request.key()), 2);
        assertThat(results).hasSize(2);
        assertThat(results.get(1).value()).isEqualTo(first.value());
        assertThat(header(results.get(1), Headers.MESSAGE_ID)).isEqualTo(header(first, Headers.MESSAGE_ID));
        assertThat(extractor.calls()).isEqualTo(1);
        assertThat(matching(manifests, keyStartsWith(request.runId() + "/"))).hasSize(3);
    }

    @Test
    void transientFailuresAreRetriedInProcessUntilTheWorkSucceeds() {
        extractor.script((request, spec, listener, call) -> {
            if (call < 3) {
                throw ExtractionFailure.transientFailure("PROD_RECOVERY_CONFLICT",
                        "store hcp2: canceling statement due to conflict with recovery (SQLSTATE 40001)", null);
            }
            return ScriptedStoreExtractor.threeBatches(request, spec, listener, call);
        });
        ExtractRequest request = extract("mig-20261121060000-103", "adb");
        requests.send(Requests.record(Topics.EXTRACT_REQUESTS, request, Requests.messageIdOf("extract", request, 1)));

        ConsumerRecord<String, String> result = awaitRecords(extractResults, keyed(request.key()), 1).getFirst();

        assertThat(Json.fromJson(result.value(), ExtractResult.class).failure()).isNull();
        assertThat(extractor.calls()).isEqualTo(3);
        assertThat(matching(extractResults, keyed(request.key()))).hasSize(1);
    }

    @Test
    void aFatalFailureIsReportedInTheResultAtOnce() {
        extractor.script((request, spec, listener, call) -> {
            throw ExtractionFailure.fatal("CLOSURE_LIMIT", "table public.rental exceeds its limit of 100000 rows");
        });
        ExtractRequest request = extract("mig-20261121060000-104", "sp");
        requests.send(Requests.record(Topics.EXTRACT_REQUESTS, request, Requests.messageIdOf("extract", request, 1)));

        ExtractResult result = Json.fromJson(awaitRecords(extractResults, keyed(request.key()), 1).getFirst().value(),
                ExtractResult.class);

        assertThat(result.failure()).isEqualTo(new Failure(Failure.Kind.FATAL, "CLOSURE_LIMIT",
                "table public.rental exceeds its limit of 100000 rows"));
        assertThat(result.keySetLocation()).isNull();
        assertThat(result.tables()).isEmpty();
        assertThat(extractor.calls()).isEqualTo(1);
        assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("ferry_extractor_failures_total{code=\"CLOSURE_LIMIT\",command=\"extract\",kind=\"FATAL\"} 1.0");
    }

    @Test
    void anUnexpectedExceptionIsAnInternalFailureNamingOnlyItsClass() {
        extractor.script((request, spec, listener, call) -> {
            throw new IllegalStateException("duplicate key value (email)=(jane.doe@example.org)");
        });
        ExtractRequest request = extract("mig-20261121060000-108", "ids");
        requests.send(Requests.record(Topics.EXTRACT_REQUESTS, request, Requests.messageIdOf("extract", request, 1)));

        ExtractResult result = Json.fromJson(awaitRecords(extractResults, keyed(request.key()), 1).getFirst().value(),
                ExtractResult.class);

        assertThat(result.failure().kind()).isEqualTo(Failure.Kind.FATAL);
        assertThat(result.failure().code()).isEqualTo("INTERNAL");
        assertThat(result.failure().message()).contains("java.lang.IllegalStateException").doesNotContain("jane");
    }

    @Test
    void aSpecThatIsNotStagedFailsTheRequest() {
        ExtractRequest request = new ExtractRequest("mig-20261121060000-109", "district-001", "0".repeat(64), 1,
                "ids", 0, List.of());
        requests.send(Requests.record(Topics.EXTRACT_REQUESTS, request, Requests.messageIdOf("extract", request, 1)));

        ExtractResult result = Json.fromJson(awaitRecords(extractResults, keyed(request.key()), 1).getFirst().value(),
                ExtractResult.class);

        assertThat(result.failure().code()).isEqualTo("SPEC_NOT_FOUND");
        assertThat(extractor.calls()).isZero();
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheNextRequestIsStillProcessed() {
        ConsumerTask<String, String> dlq = requests.watch(Topics.dlq(Topics.EXTRACT_REQUESTS));
        try {
            UUID garbageId = UUID.nameUUIDFromBytes("garbage".getBytes());
            requests.send(Requests.record(Topics.EXTRACT_REQUESTS, "garbage-1", "{not json", garbageId,
                    "mig-20261121060000-105"));
            ExtractRequest newer = extract("mig-20261121060000-105", "hcp1");
            var fromTheFuture = Requests.record(Topics.EXTRACT_REQUESTS, newer,
                    Requests.messageIdOf("extract", newer, 1));
            fromTheFuture.headers().remove(Headers.SCHEMA_VERSION).add(Headers.SCHEMA_VERSION, "2.0".getBytes());
            requests.send(fromTheFuture);
            ExtractRequest good = extract("mig-20261121060000-105", "ids");
            requests.send(Requests.record(Topics.EXTRACT_REQUESTS, good, Requests.messageIdOf("extract", good, 1)));

            ConsumerRecord<String, String> garbage = awaitRecords(dlq, keyed("garbage-1"), 1).getFirst();
            assertThat(garbage.value()).isEqualTo("{not json");
            assertThat(header(garbage, Headers.MESSAGE_ID)).isEqualTo(garbageId.toString());
            assertThat(header(garbage, Headers.DLQ_REASON))
                    .startsWith("io.ferry.contracts.MessageFormatException: cannot read ExtractRequest: malformed JSON");
            ConsumerRecord<String, String> newerMajor = awaitRecords(dlq, keyed(newer.key()), 1).getFirst();
            assertThat(newerMajor.value()).isEqualTo(Json.toJson(newer));
            assertThat(header(newerMajor, Headers.DLQ_REASON)).startsWith("io.ferry.contracts.ContractViolation: header "
                    + Headers.SCHEMA_VERSION);

            ExtractResult result = Json.fromJson(awaitRecords(extractResults, keyed(good.key()), 1).getFirst().value(),
                    ExtractResult.class);
            assertThat(result.failure()).isNull();
            assertThat(matching(extractResults, keyed(newer.key()))).isEmpty();
        } finally {
            dlq.stop();
        }
    }

    @Test
    void aPreflightRequestGetsItsResult() {
        ConsumerTask<String, String> results = requests.watch(Topics.PREFLIGHT_RESULTS);
        try {
            int callsBefore = preflight.calls();
            PreflightRequest request = new PreflightRequest("mig-20261121060000-106", "district-001", SPEC_HASH, 2);
            UUID requestId = Requests.messageIdOf("preflight", request, 2);
            requests.send(Requests.record(Topics.PREFLIGHT_REQUESTS, request, requestId));

            ConsumerRecord<String, String> record = awaitRecords(results, keyed(request.runId()), 1).getFirst();

            assertThat(Json.fromJson(record.value(), PreflightResult.class)).isEqualTo(new PreflightResult(
                    request.runId(), SPEC_HASH, 2, CheckStatus.PASSED, 7, List.of(), null));
            assertHeaders(record, MessageIds.forAttempt(Topics.PREFLIGHT_RESULTS + "/" + request.runId(), 2),
                    request.runId(), requestId);
            assertThat(stagingRoot.resolve(request.runId() + "/results/preflight.none.2.json")).isRegularFile();
            assertThat(preflight.calls()).isEqualTo(callsBefore + 1);
        } finally {
            results.stop();
        }
    }

    @Test
    void aCatalogRequestGetsItsAnswerWithoutRunHeader() {
        ConsumerTask<String, String> results = requests.watch(Topics.CATALOG_RESULTS);
        try {
            int callsBefore = catalog.calls();
            CatalogRequest request = new CatalogRequest("cat-3c9a1e", CatalogKind.PLAN, SPEC_HASH, 1, "district-001");
            UUID requestId = Requests.messageIdOf("catalog", request, 1);
            requests.send(Requests.record(Topics.CATALOG_REQUESTS, request, requestId));

            ConsumerRecord<String, String> record = awaitRecords(results, keyed("cat-3c9a1e"), 1).getFirst();

            var payload = JsonNodeFactory.instance.objectNode();
            payload.put("district", "district-001");
            payload.putArray("stores").add("pagila");
            assertThat(Json.fromJson(record.value(), CatalogResult.class)).isEqualTo(new CatalogResult(
                    "cat-3c9a1e", CatalogKind.PLAN, SPEC_HASH, 1, payload, null));
            assertHeaders(record, MessageIds.forAttempt(Topics.CATALOG_RESULTS + "/cat-3c9a1e", 1), null, requestId);
            assertThat(catalog.calls()).isEqualTo(callsBefore + 1);
        } finally {
            results.stop();
        }
    }

    private static ExtractRequest extract(String runId, String store) {
        return new ExtractRequest(runId, "district-001", SPEC_HASH, 1, store, 0, List.of());
    }

    private static void assertHeaders(ConsumerRecord<String, String> record, UUID messageId, String runId,
            UUID causationId) {
        assertThat(header(record, Headers.MESSAGE_ID)).isEqualTo(messageId.toString());
        assertThat(header(record, Headers.RUN_ID)).isEqualTo(runId);
        assertThat(header(record, Headers.SCHEMA_VERSION)).isEqualTo(SchemaVersion.CURRENT);
        assertThat(header(record, Headers.CAUSATION_ID)).isEqualTo(causationId.toString());
    }
}
