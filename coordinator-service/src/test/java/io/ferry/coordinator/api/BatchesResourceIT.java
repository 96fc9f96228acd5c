package io.ferry.coordinator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.ferry.coordinator.messaging.TestTopics;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Batches of districts through the API, on the service with its database, a broker and the sample spec. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = ApiSettings.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BatchesResourceIT {

    @Test
    void aBatchOfThreeDistrictsStartsARunEachAndABusyDistrictFailsAloneWithItsReason() {
        String busy = demo().contentType(ContentType.JSON).body("{\"district\": \"district-603\"}").post("/runs").then()
                .statusCode(201).extract().path("runId");

        String batchId = demo().contentType(ContentType.JSON)
                .body("{\"districts\": [\"district-601\", \"district-602\", \"district-603\"], \"options\": {\"dryRun\": true}}")
                .post("/batches").then().statusCode(201)
                .header("Location", containsString("/batches/batch-"))
                .body("pending.district", contains("district-601", "district-602"))
                .body("pending.runId", contains(startsWith("mig-"), startsWith("mig-")))
                .body("failed.district", contains("district-603"))
                .body("failed[0].reason", equalTo("district district-603 has an active run, " + busy
                        + ": wait for it to end, or cancel it"))
                .extract().path("batchId");
        String first = demo().get("/batches/" + batchId).then().statusCode(200).extract().path("pending[0].runId");
        demo().get("/runs/" + first).then().body("dryRun", equalTo(true)).body("district", equalTo("district-601"));

        // A run of the batch ends: it moves to failed with its run's reason; the other stays pending.
        demo().queryParam("reason", "not this one").post("/runs/" + first + "/cancel").then().statusCode(200);
        demo().get("/batches/" + batchId).then().statusCode(200)
                .body("pending.district", contains("district-602"))
                .body("running", empty())
                .body("completed", empty())
                .body("failed.district", contains("district-601", "district-603"))
                .body("failed[0].status", equalTo("CANCELLED"))
                .body("failed[0].reason", equalTo("cancelled by an operator"));
    }

    @Test
    void aBatchWithoutDistrictsOrAnUnknownBatchSaysSo() {
        demo().contentType(ContentType.JSON).body("{\"districts\": []}").post("/batches").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("districts is required"));
        demo().get("/batches/batch-nothing").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no batch batch-nothing"));
    }

    private static RequestSpecification demo() {
        return given().auth().preemptive().basic("demo", ApiSettings.PASSWORD);
    }
}
