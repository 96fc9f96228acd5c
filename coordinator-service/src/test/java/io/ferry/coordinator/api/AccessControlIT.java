package io.ferry.coordinator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.coordinator.messaging.TestTopics;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the API: without credentials 401, with wrong ones 401, with a user who lacks the endpoint's
 * role 403, with one who holds it neither (whatever the run's state then says).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = ApiSettings.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AccessControlIT {

    private static final String RUN = "/runs/mig-20260101000000-001";

    /** An endpoint and the users allowed to call it. */
    record Endpoint(String method, String path, Set<String> allowed) {
    }

    private static final Set<String> READERS = Set.of("viewer", "operator", "approver", "demo");

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/runs", READERS),
            new Endpoint("GET", RUN, READERS),
            new Endpoint("GET", RUN + "/audit", READERS),
            new Endpoint("GET", RUN + "/report", READERS),
            new Endpoint("GET", RUN + "/report.md", READERS),
            new Endpoint("GET", RUN + "/report.html", READERS),
            new Endpoint("POST", "/runs", Set.of("operator", "demo")),
            new Endpoint("GET", "/batches/batch-none", READERS),
            new Endpoint("GET", "/plan", READERS),
            new Endpoint("POST", "/batches", Set.of("operator", "demo")),
            new Endpoint("POST", RUN + "/cancel", Set.of("operator", "demo")),
            new Endpoint("POST", RUN + "/resume", Set.of("operator", "demo")),
            new Endpoint("POST", RUN + "/verify", Set.of("operator", "demo")),
            new Endpoint("POST", RUN + "/approve", Set.of("approver", "demo")),
            new Endpoint("POST", RUN + "/rollback", Set.of("approver", "demo")));

    @Test
    void everyEndpointWantsCredentialsAndItsRole() {
        for (Endpoint e : ENDPOINTS) {
            assertThat(call(given(), e).statusCode()).as("%s %s without credentials", e.method(), e.path()).isEqualTo(401);
            assertThat(call(given().auth().preemptive().basic("demo", "wrong"), e).statusCode())
                    .as("%s %s with a wrong password", e.method(), e.path()).isEqualTo(401);
            for (String user : List.of("viewer", "operator", "approver", "demo", "stranger")) {
                int status = call(given().auth().preemptive().basic(user, ApiSettings.PASSWORD), e).statusCode();
                if (e.allowed().contains(user)) {
                    assertThat(status).as("%s %s as %s", e.method(), e.path(), user).isNotIn(401, 403);
                } else {
                    assertThat(status).as("%s %s as %s", e.method(), e.path(), user).isEqualTo(403);
                }
            }
        }
    }

    @Test
    void theLiveFeedWantsCredentialsAndAFerryRole() {
        // Allowed users get a stream that stays open: RunEventsStreamIT reads one.
        assertThat(given().get(RUN + "/events").statusCode()).isEqualTo(401);
        assertThat(given().auth().preemptive().basic("stranger", ApiSettings.PASSWORD).get(RUN + "/events").statusCode())
                .isEqualTo(403);
    }

    @Test
    void healthMetricsAndTheApiDocumentStayOpen() {
        for (String path : List.of("/q/health", "/q/metrics", "/q/openapi")) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    private static Response call(RequestSpecification request, Endpoint e) {
        // A body for POST /runs that is valid but names a district no other test uses; a started run is cancelled
        // right after, so the next allowed user can start one too.
        if (e.method().equals("POST") && e.path().equals("/batches")) {
            return request.contentType(ContentType.JSON).body("{\"districts\": []}").post(e.path());
        }
        if (e.method().equals("POST") && e.path().equals("/runs")) {
            Response response = request.contentType(ContentType.JSON).body("{\"district\": \"district-access\"}")
                    .post(e.path());
            if (response.statusCode() == 201) {
                given().auth().preemptive().basic("demo", ApiSettings.PASSWORD)
                        .post("/runs/" + response.path("runId") + "/cancel").then().statusCode(200);
            }
            return response;
        }
        return e.method().equals("GET") ? request.get(e.path()) : request.post(e.path());
    }
}
