package io.ferry.anonymizer.messaging;

import static io.ferry.service.testing.Requests.awaitRecords;
import static io.ferry.service.testing.Requests.header;
import static io.ferry.service.testing.Requests.keyed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.ferry.anonymizer.testing.StagingRootResource;
import io.ferry.anonymizer.testing.TestTopics;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.FileKey;
import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.Phase;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.LeakCheckRequest;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.contracts.messages.Progress;
import io.ferry.service.testing.Requests;
import io.ferry.service.testing.TestSpecs;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The anonymizer behind a real (in-process) broker with a filesystem staging: extracted batch manifests in,
 * anonymized manifests, progress and dead letters out, and the run's leak check. Every test uses its own run.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@QuarkusTestResource(value = StagingRootResource.class, restrictToAnnotatedClass = true)
class AnonymizerMessagingIT {

    private static final String SPEC_HASH = TestSpecs.hashOf(TestSpecs.pagilaText());
    private static final FileKey RAW_KEY = FileKey.fromBase64(1, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    private static final List<BatchColumn> CUSTOMER = List.of(new BatchColumn("customer_id", "integer"),
            new BatchColumn("first_name", "text"), new BatchColumn("last_name", "text"),
            new BatchColumn("email", "text"));

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @ConfigProperty(name = "ferry.anonymizer.staging.root")
    Path root;

    private Requests requests;
    private ConsumerTask<String, String> anonymized;
    private ConsumerTask<String, String> deadLetters;
    private ConsumerTask<String, String> leakResults;
    private ConsumerTask<String, String> progress;

    @BeforeEach
    void watch() {
        requests = new Requests(companion);
        requests.awaitSettledGroup("ferry-anonymizer", 2); // its request channels
        anonymized = requests.watch(Topics.BATCHES_ANONYMIZED);
        deadLetters = requests.watch(Topics.dlq(Topics.BATCHES_EXTRACTED));
        leakResults = requests.watch(Topics.LEAKCHECK_RESULTS);
        progress = requests.watch(Topics.PROGRESS);
    }

    @AfterEach
    void stop() {
        anonymized.stop();
        deadLetters.stop();
        leakResults.stop();
        progress.stop();
    }

    @Test
    void isHealthyAndNamesItself() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'staging' }.status", equalTo("UP"))
                // the start's warm-up: one batch of 500 made-up people per worker thread (test settings)
                .body("checks.find { it.name == 'warm-up' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'warm-up' }.data.rows", equalTo(1000));
        given().get("/info").then().statusCode(200).body("service", equalTo("anonymizer"));
    }

    @Test
    void anonymizesABatchThenAnswersARedeliveryWithTheSameManifestAndPassesTheLeakCheck() throws Exception {
        String run = "mig-20261121130000-001";
        BatchManifest extracted = stageRun(run, List.of(new String[] {"1", "MARY", "SMITH", "MARY.SMITH@sakilacustomer.org"},
                new String[] {"2", "PATRICIA", "JOHNSON", "PATRICIA.JOHNSON@sakilacustomer.org"}), null);
        String anonymizedId = BatchId.of(run, Phase.ANONYMIZE, "pagila", "public", "customer", 0).toString();

        requests.send(Requests.record(Topics.BATCHES_EXTRACTED, extracted,
                MessageIds.forAttempt(extracted.batchId(), 1)));
        ConsumerRecord<String, String> first = awaitRecords(anonymized, keyed(anonymizedId), 1).get(0);
        BatchManifest manifest = Json.fromJson(first.value(), BatchManifest.class);
        assertThat(manifest.phase()).isEqualTo(Phase.ANONYMIZE);
        assertThat(manifest.rows()).isEqualTo(2);
        assertThat(manifest.encrypted()).isFalse();
        assertThat(header(first, Headers.MESSAGE_ID)).isEqualTo(MessageIds.forAttempt(Topics.BATCHES_ANONYMIZED + "/" + anonymizedId, 1).toString());
        assertThat(header(first, Headers.RUN_ID)).isEqualTo(run);
        Path file = root.resolve(manifest.stagingPath());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))))
                .isEqualTo(manifest.sha256());
        assertThat(root.resolve(extracted.stagingPath())).as("raw batch deleted").doesNotExist();
        List<String[]> rows = new ArrayList<>();
        try (BatchReader r = BatchReader.open(file, null)) {
            for (String[] row = r.next(); row != null; row = r.next()) {
                rows.add(row.clone());
            }
        }
        assertThat(rows).extracting(r -> r[1]).doesNotContain("MARY", "PATRICIA").allMatch(n -> n.matches("[A-Z]+"));
        assertThat(rows).extracting(r -> r[3]).allMatch(e -> e.endsWith("@example.org"));
        ConsumerRecord<String, String> tick = awaitRecords(progress, r -> r.key().equals(run), 1).get(0);
        assertThat(Json.fromJson(tick.value(), Progress.class).phase()).isEqualTo(Phase.ANONYMIZE);

        // at least once: the same record again finds the raw batch gone and the twin stored
        requests.send(Requests.record(Topics.BATCHES_EXTRACTED, extracted,
                MessageIds.forAttempt(extracted.batchId(), 1)));
        List<ConsumerRecord<String, String>> both = awaitRecords(anonymized, keyed(anonymizedId), 2);
        assertThat(both.get(1).value()).isEqualTo(first.value());
        assertThat(header(both.get(1), Headers.MESSAGE_ID)).isEqualTo(header(first, Headers.MESSAGE_ID));

        LeakCheckRequest check = new LeakCheckRequest(run, SPEC_HASH, 1, 1);
        requests.send(Requests.record(Topics.LEAKCHECK_REQUESTS, check, MessageIds.forAttempt("leakcheck/" + run, 1)));
        LeakCheckResult result = Json.fromJson(awaitRecords(leakResults, keyed(run), 1).get(0).value(),
                LeakCheckResult.class);
        assertThat(result.status()).as("%s", result).isEqualTo(CheckStatus.PASSED);
        assertThat(result.tokensChecked()).isPositive();

        // a check over more batches than staging holds is refused
        LeakCheckRequest tooMany = new LeakCheckRequest(run, SPEC_HASH, 2, 5);
        requests.send(Requests.record(Topics.LEAKCHECK_REQUESTS, tooMany, MessageIds.forAttempt("leakcheck/" + run, 2)));
        LeakCheckResult refused = Json.fromJson(awaitRecords(leakResults, keyed(run), 2).get(1).value(),
                LeakCheckResult.class);
        assertThat(refused.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(refused.failure().code()).isEqualTo("LEAK_CHECK_INCOMPLETE");
    }

    @Test
    void aBatchThatCannotBeAnonymizedGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        String run = "mig-20261121130000-002";
        BatchManifest extracted = stageRun(run, List.<String[]>of(new String[] {"1", "MARY", "SMITH", "m@x.org"}),
                "b".repeat(64));
        requests.send(Requests.record(Topics.BATCHES_EXTRACTED, extracted,
                MessageIds.forAttempt(extracted.batchId(), 1)));
        ConsumerRecord<String, String> letter = awaitRecords(deadLetters, keyed(extracted.batchId()), 1).get(0);
        assertThat(header(letter, Headers.DLQ_REASON)).contains("FATAL RAW_BATCH_DAMAGED").doesNotContain("MARY");
        assertThat(letter.value()).isEqualTo(Json.toJson(extracted));
        assertThat(root.resolve(extracted.stagingPath())).as("the raw batch stays for the coordinator").exists();
        assertThat(Requests.matching(anonymized, r -> r.key().startsWith(run))).isEmpty();
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopic() {
        String key = "mig-20261121130000-003/extract/pagila/public.customer/0";
        requests.send(Requests.record(Topics.BATCHES_EXTRACTED, key, "{not json", MessageIds.forAttempt(key, 1),
                "mig-20261121130000-003"));
        ConsumerRecord<String, String> letter = awaitRecords(deadLetters, keyed(key), 1).get(0);
        assertThat(header(letter, Headers.DLQ_REASON)).contains("MessageFormatException");
    }

    /** The run's (empty) dictionary and one raw customer batch; its manifest, with {@code sha256} if given. */
    private BatchManifest stageRun(String run, List<String[]> rows, String sha256) throws Exception {
        Staging staging = new FileSystemStaging(root);
        Path dictionary = Files.createTempFile("tokens-", ".txt");
        staging.put(StagingLayout.dictionary(RunId.parse(run)), dictionary);
        BatchId id = BatchId.of(run, Phase.EXTRACT, "pagila", "public", "customer", 0);
        Path file = Files.createTempFile("raw-", ".parquet");
        Files.delete(file);
        try (BatchWriter w = BatchWriter.create(file, new BatchSchema(CUSTOMER, Map.of()),
                BatchWriterOptions.defaults().withEncryption(RAW_KEY))) {
            rows.forEach(w::write);
        }
        String key = StagingLayout.batch(id);
        staging.put(key, file);
        String sha = sha256 != null ? sha256
                : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        return new BatchManifest(id.toString(), run, SPEC_HASH, 1, Phase.EXTRACT, "pagila", "public", "customer",
                BatchKind.TABLE, 0, key, rows.size(), Files.size(file), sha, "fp", 1, true, true);
    }
}
