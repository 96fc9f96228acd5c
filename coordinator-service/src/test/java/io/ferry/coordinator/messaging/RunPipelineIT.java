package io.ferry.coordinator.messaging;

import static io.ferry.service.testing.Requests.awaitRecords;
import static io.ferry.service.testing.Requests.keyed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferry.contracts.Json;
import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.RunStatus;
import io.ferry.contracts.messages.RunStatusChanged;
import io.ferry.coordinator.api.ApiSettings;
import io.ferry.service.testing.Requests;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Whole runs through the service over the phase services' real topics, the services played by
 * {@link PhaseStandIns}, with the sample estate's spec (five stores in three waves, approval before loading).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = ApiSettings.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunPipelineIT {

    private static final List<String> STORES = List.of("ids", "hcp1", "hcp2", "adb", "sp");
    private static final Duration WAIT = Duration.ofSeconds(90);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aLoadFailureAfterApprovalCompensatesEveryStoreAndEndsCompensated() throws Exception {
        String run = start("{\"district\": \"district-701\"}");
        ConsumerTask<String, String> statuses = new Requests(companion).watch(Topics.RUNS);
        ConsumerTask<String, String> compensations = new Requests(companion).watch(Topics.COMPENSATE_REQUESTS);
        int[] loads = {0};
        try (PhaseStandIns services = new PhaseStandIns(bootstrap(), run, STORES, load -> ++loads[0] == 2
                ? new Failure(Failure.Kind.FATAL, "CERT_REFUSED", "store " + load.store() + " (cert) refused the load")
                : null)) {
            awaitStatus(run, "AWAITING_APPROVAL");
            demo().post("/runs/" + run + "/approve").then().statusCode(200);
            awaitStatus(run, "COMPENSATED");
        }
        CompensateRequest compensate = Json.fromJson(awaitRecords(compensations, keyed(run), 1).get(0).value(),
                CompensateRequest.class);
        assertThat(compensate.force()).isFalse();
        assertThat(compensate.reason()).contains("CERT_REFUSED", "refused the load");
        assertThat(awaitRecords(statuses, keyed(run), 6)).extracting(r -> Json.fromJson(r.value(),
                RunStatusChanged.class).status()).containsExactly(RunStatus.REQUESTED, RunStatus.RUNNING,
                RunStatus.AWAITING_APPROVAL, RunStatus.RUNNING, RunStatus.COMPENSATING, RunStatus.COMPENSATED);
        List<String> kinds = demo().get("/runs/" + run + "/audit").then().statusCode(200).extract().jsonPath()
                .getList("kind");
        assertThat(kinds).containsSubsequence("Requested", "Answered(PreflightResult)", "Answered(ExtractResult)",
                "Answered(LeakCheckResult)", "Answered(ValidateResult)", "Approved", "LoadSlotGranted",
                "Answered(LoadResult)", "Answered(LoadResult)", "Answered(CompensateResult)");
        // Every load went out at once (ADR 4): the stores other than the failed one answered, loaded, while the
        // compensation waited for them, and it took them out with ids.
        await().atMost(WAIT).untilAsserted(() -> demo().get("/runs/" + run + "/report").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("COMPENSATED"))
                .body("compensation.status", org.hamcrest.Matchers.equalTo("COMPENSATED"))
                .body("load.stores.store", org.hamcrest.Matchers.containsInAnyOrder("ids", "hcp2", "adb", "sp")));
    }

    @Test
    void aLoadedRunIsVerifiedOnRequestAndItsReportShowsTheVerdict() throws Exception {
        String run = start("{\"district\": \"district-703\"}");
        try (PhaseStandIns services = new PhaseStandIns(bootstrap(), run, STORES, load -> null)) {
            awaitStatus(run, "AWAITING_APPROVAL");
            demo().post("/runs/" + run + "/approve").then().statusCode(200);
            awaitStatus(run, "SUCCEEDED");
            demo().post("/runs/" + run + "/verify").then().statusCode(202)
                    .body("verification.attempt", org.hamcrest.Matchers.equalTo(1))
                    .body("verification.status", org.hamcrest.Matchers.nullValue());
            await().atMost(WAIT).untilAsserted(() -> demo().get("/runs/" + run).then()
                    .body("verification.status", org.hamcrest.Matchers.equalTo("INVALID"))
                    .body("verification.errors", org.hamcrest.Matchers.equalTo(1))
                    .body("status", org.hamcrest.Matchers.equalTo("SUCCEEDED")));
        }
        await().atMost(WAIT).untilAsserted(() -> demo().get("/runs/" + run + "/report").then().statusCode(200)
                .body("load.verification.status", org.hamcrest.Matchers.equalTo("INVALID"))
                .body("load.verification.findings.check", org.hamcrest.Matchers.contains("verify.changed"))
                .body("phases.phase", org.hamcrest.Matchers.hasItem("verify")));
        assertThat(demo().get("/runs/" + run + "/report.md").then().statusCode(200).extract().asString())
                .contains("### Verification", "**INVALID**", "verify.changed");
    }

    @Test
    void aDryRunGoesThroughEveryCheckAndEndsSucceededWithoutALoadRequest() throws Exception {
        ConsumerTask<String, String> loads = new Requests(companion).watch(Topics.LOAD_REQUESTS);
        String run = start("{\"district\": \"district-702\", \"dryRun\": true}");
        try (PhaseStandIns services = new PhaseStandIns(bootstrap(), run, STORES, load -> null)) {
            awaitStatus(run, "SUCCEEDED");
        }
        demo().get("/runs/" + run).then().body("extractedStores", org.hamcrest.Matchers.containsInAnyOrder(
                STORES.toArray())).body("anonymizedBatches", org.hamcrest.Matchers.equalTo(5));
        assertThat(Requests.matching(loads, keyed(run))).isEmpty();
    }

    @Test
    void aRunReusesTheKeptExtractionOfAnEarlierRunAndStartsAtItsLeakCheck() throws Exception {
        demo().contentType(ContentType.JSON).body("{\"district\": \"district-704\", \"reuseExtraction\": true}")
                .post("/runs").then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString(
                        "no earlier run of district district-704 under spec"));
        String first = start("{\"district\": \"district-704\", \"dryRun\": true}");
        try (PhaseStandIns services = new PhaseStandIns(bootstrap(), first, STORES, load -> null)) {
            awaitStatus(first, "SUCCEEDED");
        }
        // What the anonymizer and the preflight would have left in staging for the first run.
        Path root = stagingRoot();
        List<String> kept = List.of("anonymized/ids/public.t_ids/part-0.parquet", "leak/ids/public.t_ids/part-0.bin",
                "dictionary/tokens.txt");
        for (String file : kept) {
            Path path = root.resolve(first).resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "kept " + file);
        }

        String second = start("{\"district\": \"district-704\", \"dryRun\": true, \"reuseExtraction\": true}");
        for (String file : kept) {
            assertThat(root.resolve(second).resolve(file)).as(file).hasContent("kept " + file);
        }
        demo().get("/runs/" + second).then().body("step", org.hamcrest.Matchers.equalTo("LEAK_CHECK"))
                .body("extractedStores", org.hamcrest.Matchers.containsInAnyOrder(STORES.toArray()))
                .body("anonymizedBatches", org.hamcrest.Matchers.equalTo(5));
        try (PhaseStandIns services = new PhaseStandIns(bootstrap(), second, STORES, load -> null)) {
            awaitStatus(second, "SUCCEEDED");
        }
        List<String> kinds = demo().get("/runs/" + second + "/audit").then().statusCode(200).extract().jsonPath()
                .getList("kind");
        assertThat(kinds).containsExactly("Requested", "Answered(LeakCheckResult)", "Answered(ValidateResult)");
        assertThat(demo().get("/runs/" + second + "/audit").then().extract().jsonPath().getString("[0].what"))
                .contains("reusing the extraction of run " + first);
    }

    @Test
    void resumeCountsABatchStagingHoldsThatNoMessageReportedAndTheRunGoesOn() throws Exception {
        String run = start("{\"district\": \"district-705\", \"dryRun\": true}");
        try (PhaseStandIns services = new PhaseStandIns(bootstrap(), run, STORES, load -> null, Set.of("adb"))) {
            await().atMost(WAIT).until(() -> demo().get("/runs/" + run).then().extract().jsonPath()
                    .getList("extractedStores").size() == STORES.size());
            demo().get("/runs/" + run).then().body("step", org.hamcrest.Matchers.equalTo("EXTRACT"))
                    .body("anonymizedBatches", org.hamcrest.Matchers.equalTo(4));
            // The anonymizer wrote every store's batch; only adb's message was lost.
            for (String store : STORES) {
                Path batch = stagingRoot().resolve(run).resolve("anonymized/" + store + "/public.t_" + store
                        + "/part-0.parquet");
                Files.createDirectories(batch.getParent());
                Files.writeString(batch, "anonymized");
            }

            demo().post("/runs/" + run + "/resume").then().statusCode(200);
            awaitStatus(run, "SUCCEEDED");
        }
        assertThat(demo().get("/runs/" + run + "/audit").then().extract().jsonPath().getList("what", String.class))
                .anySatisfy(what -> assertThat(what).contains("1 anonymized batch(es) no message had reported",
                        "adb/public.t_adb#0"));
    }

    private static Path stagingRoot() {
        return Path.of(ConfigProvider.getConfig().getValue("ferry.coordinator.staging.root", String.class));
    }

    private static String start(String body) {
        return demo().contentType(ContentType.JSON).body(body).post("/runs").then().statusCode(201).extract()
                .path("runId");
    }

    private static void awaitStatus(String run, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> status.equals(demo().get("/runs/" + run)
                .then().statusCode(200).extract().path("status")));
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static RequestSpecification demo() {
        return given().auth().preemptive().basic("demo", ApiSettings.PASSWORD);
    }
}
