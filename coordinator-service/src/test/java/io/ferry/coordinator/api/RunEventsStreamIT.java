package io.ferry.coordinator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.Phase;
import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.Progress;
import io.ferry.coordinator.messaging.TestTopics;
import io.ferry.service.testing.Requests;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code GET /runs/{id}/events}: the run's status now, then its progress and status changes as they come. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = ApiSettings.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunEventsStreamIT {

    @TestHTTPResource("/runs")
    URI runs;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void theStreamStartsWithTheStatusAndCarriesProgressAndStatusChanges() throws Exception {
        String run = given().auth().preemptive().basic("demo", ApiSettings.PASSWORD).contentType(ContentType.JSON)
                .body("{\"district\": \"district-801\"}").post("/runs").then().statusCode(201).extract().path("runId");
        List<String> data = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(runs + "/" + run + "/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("viewer:" + ApiSettings.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).build();
        var response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (Stream<String> lines = response.join().body()) {
                lines.filter(l -> l.startsWith("data:")).forEach(data::add);
            }
        });
        try {
            awaitLine(data, "\"status\":\"REQUESTED\"", Duration.ofSeconds(20), () -> { });
            Requests requests = new Requests(companion);
            // The feed reads from the latest records on: report progress until its consumer has joined and passed it.
            awaitLine(data, "\"rowsDone\":1234", Duration.ofSeconds(60), () -> requests.send(Requests.record(
                    Topics.PROGRESS, new Progress(run, Phase.EXTRACT, "ids", "public.person", 1234, 5000L, 800.0,
                            Instant.now()), UUID.randomUUID())));
            given().auth().preemptive().basic("demo", ApiSettings.PASSWORD).post("/runs/" + run + "/cancel").then()
                    .statusCode(200);
            awaitLine(data, "\"status\":\"CANCELLED\"", Duration.ofSeconds(30), () -> { });
            assertThat(data.get(0)).contains("\"type\":\"status\"", "\"runId\":\"" + run + "\"");
            assertThat(data).anySatisfy(l -> assertThat(l).contains("\"type\":\"progress\"", "\"store\":\"ids\""));
        } finally {
            response.cancel(true);
            reader.interrupt();
        }
    }

    private static void awaitLine(List<String> data, String text, Duration within, Runnable meanwhile)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (data.stream().noneMatch(l -> l.contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no event with " + text + " in " + within + "; got " + data);
            }
            meanwhile.run();
            Thread.sleep(500);
        }
    }
}
