package io.ferry.extractor.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.ferry.extractor.testing.TestTopics;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A staging root the service cannot write to (here: a regular file) makes it not ready, naming "staging". */
@QuarkusTest
@TestProfile(StagingReadinessIT.RootIsAFile.class)
class StagingReadinessIT {

    @Test
    void isNotReadyWhenStagingIsNotAWritableFolder() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'staging' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'staging' }.data.problem", equalTo("not a folder"));
        given().get("/q/health/live").then().statusCode(200);
    }

    public static class RootIsAFile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaResource.class, Map.of(KafkaResource.TOPICS, TestTopics.ALL)),
                    new TestResourceEntry(FileAsRoot.class));
        }
    }

    public static class FileAsRoot implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                return Map.of("ferry.extractor.staging.root", Files.createTempFile("staging-", ".txt").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
        }
    }
}
