package io.ferry.extractor.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.ferry.extractor.testing.StagingRootResource;
import io.ferry.extractor.testing.TestTopics;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A staging root the service cannot write to (here: a regular file in the folder's place while the service runs)
 * makes it not ready, naming "staging"; with the folder back it is ready for staging again. The check runs at every
 * readiness call, so the running service sees the change.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = StagingRootResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StagingReadinessIT {

    @ConfigProperty(name = "ferry.extractor.staging.root")
    Path root;

    @Test
    void isNotReadyWhenStagingIsNotAWritableFolder() throws Exception {
        Path away = root.resolveSibling(root.getFileName() + ".away");
        Files.move(root, away);
        try {
            Files.writeString(root, "a file where the staging folder was");
            given().get("/q/health/ready").then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'staging' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'staging' }.data.problem", equalTo("not a folder"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            Files.deleteIfExists(root);
            Files.move(away, root);
        }
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'staging' }.status", equalTo("UP"));
    }
}
