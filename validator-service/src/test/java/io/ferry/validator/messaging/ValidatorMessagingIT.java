package io.ferry.validator.messaging;

import static io.ferry.service.testing.Requests.awaitRecords;
import static io.ferry.service.testing.Requests.header;
import static io.ferry.service.testing.Requests.keyed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.Phase;
import io.ferry.contracts.SchemaVersion;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.Finding;
import io.ferry.contracts.messages.Progress;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.ValidationStatus;
import io.ferry.contracts.messages.VerifyRequest;
import io.ferry.contracts.messages.VerifyResult;
import io.ferry.contracts.messages.VerifyStatus;
import io.ferry.estate.SampleEstate;
import io.ferry.service.testing.Requests;
import io.ferry.testkit.quarkus.KafkaResource;
import io.ferry.validator.testing.TestTopics;
import io.ferry.validator.testing.ValidatorEstateResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The validator behind a real (in-process) broker, with a filesystem staging and the sample estate's PROD
 * and CERT on real PostgreSQL servers ({@link ValidatorEstateResource}): validate requests in, results,
 * progress and dead letters out. The service holds CERT's connections only.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@QuarkusTestResource(value = ValidatorEstateResource.class, restrictToAnnotatedClass = true)
class ValidatorMessagingIT {

    private static final String RUN = ValidatorEstateResource.RUN_ID;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "ferry.validator.staging.root")
    Path root;

    @ConfigProperty(name = "ferry.test.validator.spec-hash")
    String specHash;

    @ConfigProperty(name = "ferry.test.validator.staged-rows")
    long stagedRows;

    @ConfigProperty(name = "ferry.test.validator.check-violations")
    long checkViolations;

    private Requests requests;
    private ConsumerTask<String, String> results;
    private ConsumerTask<String, String> progress;
    private ConsumerTask<String, String> deadLetters;

    @BeforeEach
    void watch() {
        requests = new Requests(companion);
        requests.awaitSettledGroup("ferry-validator", 2); // its request channels
        results = requests.watch(Topics.VALIDATE_RESULTS);
        progress = requests.watch(Topics.PROGRESS);
        deadLetters = requests.watch(Topics.dlq(Topics.VALIDATE_REQUESTS));
    }

    @AfterEach
    void stop() {
        results.stop();
        progress.stop();
        deadLetters.stop();
    }

    @Test
    void isHealthyAndNamesItself() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'staging' }.status", equalTo("UP"));
        given().get("/info").then().statusCode(200).body("service", equalTo("validator"));
    }

    @Test
    void validatesAStagedRunThenAnswersARedeliveryWithTheStoredResult() throws Exception {
        ValidateRequest request = new ValidateRequest(RUN, "district-001", specHash, 1);
        UUID requestId = Requests.messageIdOf("validate", request, 1);
        requests.send(Requests.record(Topics.VALIDATE_REQUESTS, request, requestId));

        ConsumerRecord<String, String> first = awaitRecords(results, keyed(RUN), 1).get(0);
        ValidateResult result = Json.fromJson(first.value(), ValidateResult.class);
        assertThat(result.failure()).as("%s", result.failure()).isNull();
        assertThat(result.status()).isEqualTo(ValidationStatus.FAILED);
        assertThat(result.attempt()).isEqualTo(1);
        List<Finding> errors = result.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
        assertThat(errors).extracting(Finding::check).containsOnly("check:enrollment_dates_check",
                "rule:exit before entry", "length", "cross-store");
        assertThat(errors).filteredOn(f -> f.check().equals("check:enrollment_dates_check"))
                .extracting(Finding::count).containsExactly(checkViolations);
        assertThat(errors).allSatisfy(f -> assertThat(f.examples()).hasSize((int) Math.min(5, f.count())));
        assertThat(result.certSchemaFingerprints()).containsOnlyKeys(SampleEstate.PG_DATABASES);
        assertThat(header(first, Headers.MESSAGE_ID)).isEqualTo(MessageIds.forAttempt(Topics.VALIDATE_RESULTS + "/" + RUN, 1).toString());
        assertThat(header(first, Headers.RUN_ID)).isEqualTo(RUN);
        assertThat(header(first, Headers.SCHEMA_VERSION)).isEqualTo(SchemaVersion.CURRENT);
        assertThat(header(first, Headers.CAUSATION_ID)).isEqualTo(requestId.toString());
        Progress tick = Json.fromJson(awaitRecords(progress, keyed(RUN), 1).get(0).value(), Progress.class);
        assertThat(tick.phase()).isEqualTo(Phase.VALIDATE);
        assertThat(tick.rowsDone()).isEqualTo(stagedRows).isPositive();
        assertThat(verdicts()).isEqualTo(1.0);
        try (Stream<Path> stored = Files.list(root.resolve(RUN + "/results"))) {
            assertThat(stored.map(p -> p.getFileName().toString())).containsExactly("validate.none.1.json");
        }

        // at least once: the same record again re-sends the stored result; with the run's batches gone, a
        // second validation could not have given it
        deleteTree(root.resolve(RUN + "/anonymized"));
        requests.send(Requests.record(Topics.VALIDATE_REQUESTS, request, requestId));
        List<ConsumerRecord<String, String>> both = awaitRecords(results, keyed(RUN), 2);
        assertThat(both).hasSize(2);
        assertThat(both.get(1).value()).isEqualTo(first.value());
        for (String name : List.of(Headers.MESSAGE_ID, Headers.RUN_ID, Headers.SCHEMA_VERSION, Headers.CAUSATION_ID)) {
            assertThat(header(both.get(1), name)).as(name).isEqualTo(header(first, name));
        }
        assertThat(verdicts()).as("validations run").isEqualTo(1.0);
    }

    @Test
    void aVerifyOfARunCertNeverSawIsInvalidInEveryStore() {
        // The staged run was validated, never loaded: no CERT store has a record of it.
        ConsumerTask<String, String> verified = requests.watch(Topics.VERIFY_RESULTS);
        try {
            VerifyRequest request = new VerifyRequest(RUN, specHash, 1);
            requests.send(Requests.record(Topics.VERIFY_REQUESTS, request, Requests.messageIdOf("verify", request, 1)));

            VerifyResult result = Json.fromJson(awaitRecords(verified, keyed(RUN), 1).get(0).value(), VerifyResult.class);
            assertThat(result.failure()).isNull();
            assertThat(result.status()).isEqualTo(VerifyStatus.INVALID);
            assertThat(result.findings()).extracting(Finding::check, Finding::store, Finding::table)
                    .containsExactlyInAnyOrderElementsOf(SampleEstate.PG_DATABASES.stream()
                            .map(store -> tuple("verify.run-missing", store, "ferry.run")).toList());
        } finally {
            verified.stop();
        }
    }

    @Test
    void aRequestNamingAnUnknownSpecGetsAFailedResultWithAFatalFailure() {
        String run = "mig-20261121150000-002";
        ValidateRequest request = new ValidateRequest(run, "district-001", "0".repeat(64), 1);
        requests.send(Requests.record(Topics.VALIDATE_REQUESTS, request, Requests.messageIdOf("validate", request, 1)));

        ConsumerRecord<String, String> record = awaitRecords(results, keyed(run), 1).get(0);
        ValidateResult result = Json.fromJson(record.value(), ValidateResult.class);
        assertThat(result.status()).isEqualTo(ValidationStatus.FAILED);
        assertThat(result.findings()).isEmpty();
        assertThat(result.certSchemaFingerprints()).isEmpty();
        assertThat(result.failure().kind()).isEqualTo(Failure.Kind.FATAL);
        assertThat(result.failure().code()).isEqualTo("SPEC_NOT_FOUND");
        assertThat(header(record, Headers.RUN_ID)).isEqualTo(run);
        assertThat(Requests.matching(deadLetters, keyed(run))).isEmpty();
    }

    @Test
    void anUnreadableRequestGoesToTheDeadLetterTopic() {
        String run = "mig-20261121150000-003";
        requests.send(Requests.record(Topics.VALIDATE_REQUESTS, run, "{not json", MessageIds.forAttempt(
                "validate/" + run, 1), run));
        ConsumerRecord<String, String> letter = awaitRecords(deadLetters, keyed(run), 1).get(0);
        assertThat(letter.value()).isEqualTo("{not json");
        assertThat(header(letter, Headers.DLQ_REASON)).contains("MessageFormatException");
        assertThat(Requests.matching(results, keyed(run))).isEmpty();
    }

    private double verdicts() {
        return registry.find("ferry.validate.validations").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
