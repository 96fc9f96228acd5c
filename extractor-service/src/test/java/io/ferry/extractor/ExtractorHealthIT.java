package io.ferry.extractor;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.ferry.extractor.testing.StagingRootResource;
import io.ferry.extractor.testing.TestTopics;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = StagingRootResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ExtractorHealthIT {

    @Test
    void answersHealthAndNamesItself() {
        // The Kafka channels report ready once their clients have connected.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'staging' }.status", equalTo("UP"))
                // the start's warm-up: one round of 500 made-up people (test settings)
                .body("checks.find { it.name == 'warm-up' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'warm-up' }.data.rows", equalTo(500))
                .body("checks.find { it.name == 'prod' }.data.spec",
                        equalTo("no spec configured (ferry.extractor.readiness.spec-file)"));
        given().get("/info").then().statusCode(200).body("service", equalTo("extractor"));
    }
}
