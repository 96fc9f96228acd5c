package io.ferry.coordinator.messaging;

import static io.ferry.service.testing.Requests.awaitRecords;
import static io.ferry.service.testing.Requests.header;
import static io.ferry.service.testing.Requests.keyed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.RunStatus;
import io.ferry.contracts.messages.RunStatusChanged;
import io.ferry.coordinator.api.ApiSettings;
import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.saga.RunEvent;
import io.ferry.coordinator.saga.RunOptions;
import io.ferry.coordinator.saga.RunPlan;
import io.ferry.coordinator.saga.Step;
import io.ferry.service.testing.Requests;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator behind a real (in-process) broker and its own PostgreSQL: a run's commands leave through the
 * outbox relay on the phase services' real topics, with Ferry's headers; results, redeliveries and dead letters
 * come back in through the consumer and move the run. It shares the API tests' application (the same resources, one
 * build and one start); its run is its own.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = ApiSettings.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CoordinatorMessagingIT {

    private static final String SPEC = "d".repeat(64);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    RunStore runs;

    private Requests requests;
    private ConsumerTask<String, String> preflights;
    private ConsumerTask<String, String> extracts;
    private ConsumerTask<String, String> statuses;

    @BeforeEach
    void watch() {
        requests = new Requests(companion);
        preflights = requests.watch(Topics.PREFLIGHT_REQUESTS);
        extracts = requests.watch(Topics.EXTRACT_REQUESTS);
        statuses = requests.watch(Topics.RUNS);
    }

    @AfterEach
    void stop() {
        preflights.stop();
        extracts.stop();
        statuses.stop();
    }

    @Test
    void aRunsCommandsGoOutThroughTheOutboxAndItsResultsComeBackInOnceEach() throws Exception {
        String run = "mig-20261123170000-001";
        RunEvent requested = new RunEvent.Requested(UUID.randomUUID(), run, "district-201", SPEC, RunOptions.defaults(),
                new RunPlan(List.of(new RunPlan.ExtractStep("ids", 0, List.of()),
                        new RunPlan.ExtractStep("hcp1", 1, List.of("ids"))), List.of("ids", "hcp1"), Set.of(), null),
                "ops", Instant.now());
        runs.apply(run, requested);

        ConsumerRecord<String, String> preflight = awaitRecords(preflights, keyed(run), 1).get(0);
        assertThat(Json.fromJson(preflight.value(), PreflightRequest.class))
                .isEqualTo(new PreflightRequest(run, "district-201", SPEC, 1));
        assertThat(header(preflight, Headers.MESSAGE_ID)).isEqualTo(MessageIds.forAttempt("preflight/" + run, 1).toString());
        assertThat(header(preflight, Headers.RUN_ID)).isEqualTo(run);
        assertThat(header(preflight, Headers.CAUSATION_ID)).isEqualTo(requested.id().toString());
        assertThat(status(awaitRecords(statuses, keyed(run), 1).get(0))).isEqualTo(RunStatus.REQUESTED);

        // The extractor answers; the run moves on and its first wave goes out.
        UUID answer = UUID.randomUUID();
        ProducerRecord<String, String> passed = Requests.record(Topics.PREFLIGHT_RESULTS,
                new PreflightResult(run, SPEC, 1, CheckStatus.PASSED, 30, List.of(), null), answer);
        requests.send(passed);
        ConsumerRecord<String, String> extract = awaitRecords(extracts, keyed(run + "/ids"), 1).get(0);
        assertThat(Json.fromJson(extract.value(), ExtractRequest.class).wave()).isZero();
        assertThat(header(extract, Headers.CAUSATION_ID)).isEqualTo(answer.toString());
        assertThat(runs.find(run).orElseThrow().step()).isEqualTo(Step.EXTRACT);

        // The same result again (a redelivery): recognised by its id, nothing sent twice.
        requests.send(passed);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(runs.audit(run)).hasSize(2));
        assertThat(Requests.matching(extracts, keyed(run + "/ids"))).hasSize(1);

        // The extract request was dead-lettered: the run fails, and says so on ferry.runs.v1.
        requests.send(Requests.record(Topics.dlq(Topics.EXTRACT_REQUESTS), run + "/ids", extract.value(),
                UUID.randomUUID(), run));
        await().atMost(Requests.WAIT).untilAsserted(() ->
                assertThat(runs.find(run).orElseThrow().status()).isEqualTo(RunStatus.FAILED));
        assertThat(runs.find(run).orElseThrow().reason()).contains(Topics.EXTRACT_REQUESTS, "dead-lettered");
        assertThat(awaitRecords(statuses, keyed(run), 3)).extracting(CoordinatorMessagingIT::status)
                .containsExactly(RunStatus.REQUESTED, RunStatus.RUNNING, RunStatus.FAILED);
    }

    private static RunStatus status(ConsumerRecord<String, String> record) {
        return Json.fromJson(record.value(), RunStatusChanged.class).status();
    }
}
