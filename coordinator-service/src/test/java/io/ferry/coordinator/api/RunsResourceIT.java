package io.ferry.coordinator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.ferry.coordinator.messaging.TestTopics;
import io.ferry.spec.SpecHash;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.StagingLayout;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The runs API on the service with its database, a broker, and the sample estate's spec. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = ApiSettings.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunsResourceIT {

    @Test
    void aRunStartsOnceStagesItsSpecAndShowsWhereItIs() throws Exception {
        String runId = demo().contentType(ContentType.JSON).header("Idempotency-Key", "req-1")
                .body("{\"district\": \"district-301\", \"dryRun\": true}")
                .post("/runs").then().statusCode(201)
                .header("Location", containsString("/runs/mig-"))
                .body("status", equalTo("REQUESTED"))
                .body("step", equalTo("PREFLIGHT"))
                .body("dryRun", equalTo(true))
                .body("waitingOn", hasItem(startsWith("preflight/")))
                .extract().path("runId");
        assertThat(runId).matches("mig-\\d{14}-\\d{3}");

        // The same request again: the same run, not a second one.
        demo().contentType(ContentType.JSON).header("Idempotency-Key", "req-1")
                .body("{\"district\": \"district-301\", \"dryRun\": true}")
                .post("/runs").then().statusCode(200).body("runId", equalTo(runId));

        // The spec the phase services will load, by the hash every command names.
        Path spec = Path.of(setting("ferry.coordinator.spec-file"));
        String hash = SpecHash.of(new SpecParser(Resolver.forFolder(spec.getParent(), Map.of()), Set.of()).read(spec));
        demo().get("/runs/" + runId).then().statusCode(200).body("specHash", equalTo(hash))
                .body("district", equalTo("district-301"));
        assertThat(Path.of(setting("ferry.coordinator.staging.root")).resolve(StagingLayout.spec(hash)))
                .hasSameTextualContentAs(spec);

        demo().get("/runs/" + runId + "/audit").then().statusCode(200).body("[0].kind", equalTo("Requested"))
                .body("[0].actor", equalTo("demo"));
        demo().get("/runs?district=district-301&status=REQUESTED").then().statusCode(200)
                .body("runId", hasItem(runId));
    }

    @Test
    void aSecondRunOfABusyDistrictIsAConflictNamingTheActiveRun() {
        String first = demo().contentType(ContentType.JSON).body("{\"district\": \"district-302\"}")
                .post("/runs").then().statusCode(201).extract().path("runId");
        demo().contentType(ContentType.JSON).body("{\"district\": \"district-302\"}")
                .post("/runs").then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", equalTo("district district-302 has an active run, " + first
                        + ": wait for it to end, or cancel it"));
        // Cancelled, the district takes a new run.
        demo().queryParam("reason", "wrong district").post("/runs/" + first + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("reason", equalTo("cancelled by an operator"));
        demo().get("/runs/" + first + "/audit").then().body("what", org.hamcrest.Matchers.hasItem("cancelled by demo: wrong district"));
        demo().contentType(ContentType.JSON).body("{\"district\": \"district-302\"}")
                .post("/runs").then().statusCode(201);

        // The cancelled run's report, in the three formats.
        demo().get("/runs/" + first + "/report").then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("district", equalTo("district-302")).body("audit.kind", org.hamcrest.Matchers.contains("Requested",
                        "Cancelled"));
        demo().get("/runs/" + first + "/report.md").then().statusCode(200).contentType("text/markdown")
                .body(containsString("ended CANCELLED"));
        demo().get("/runs/" + first + "/report.html").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("<h1>Run " + first + ": district-302</h1>"));
        demo().get("/runs/mig-20260101000000-999/report.html").then().statusCode(404);
    }

    @Test
    void actionsTheRunsStateDoesNotAllowAreConflictsAndUnknownRunsAreNotFound() {
        String runId = demo().contentType(ContentType.JSON).body("{\"district\": \"district-303\"}")
                .post("/runs").then().statusCode(201).extract().path("runId");
        demo().post("/runs/" + runId + "/approve").then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("run " + runId + " is REQUESTED, not awaiting approval"));
        demo().post("/runs/" + runId + "/rollback").then().statusCode(409)
                .body("detail", containsString("cancel it instead"));
        demo().post("/runs/" + runId + "/verify").then().statusCode(409)
                .body("detail", equalTo("run " + runId + " is REQUESTED; only a run that loaded into CERT and is still"
                        + " there can be verified"));
        for (String path : new String[] {"/runs/mig-20260101000000-999", "/runs/mig-20260101000000-999/audit"}) {
            demo().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("no run mig-20260101000000-999"));
        }
        demo().post("/runs/mig-20260101000000-999/resume").then().statusCode(404);
        demo().post("/runs/mig-20260101000000-999/verify").then().statusCode(404);
    }

    @Test
    void badRequestsSayWhatToChange() {
        demo().contentType(ContentType.JSON).body("{\"dryRun\": true}").post("/runs").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("district is required"));
        demo().contentType(ContentType.JSON).body("{\"district\": ").post("/runs").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not valid JSON"));
        demo().get("/runs?status=DONE").then().statusCode(400).body("detail", containsString("status DONE is none of"));
        demo().get("/runs?size=0").then().statusCode(400).body("detail", containsString("size between 1 and 500"));
    }

    @Test
    void runsAreCountedPerStatusForTheAlertRule() {
        demo().contentType(ContentType.JSON).body("{\"district\": \"district-304\"}").post("/runs").then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = demo().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("ferry_runs{status=\"COMPENSATION_FAILED\"} 0.0");
            assertThat(metrics.lines().filter(l -> l.startsWith("ferry_runs{status=\"REQUESTED\"}"))
                    .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))).singleElement()
                    .satisfies(v -> assertThat(v).isGreaterThanOrEqualTo(1.0));
        });
    }

    @Test
    void theApiIsDescribed() {
        demo().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/runs/{runId}/rollback"));
    }

    /** Requests as the demo user, who holds every role. */
    private static RequestSpecification demo() {
        return given().auth().preemptive().basic("demo", ApiSettings.PASSWORD);
    }

    private static String setting(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
