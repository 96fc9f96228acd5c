package io.ferry.coordinator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ferry.coordinator.api.ApiSettings;
import io.ferry.coordinator.messaging.TestTopics;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The testkit's broker behind a running coordinator: config handed over, Dev Services off, companion injected, the
 * topics made as asked. It shares the API tests' application (the same resources), whose runs use Ferry's topics: the
 * record goes through a topic of its own.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = ApiSettings.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KafkaTestResourceIT {

    private static final String ECHO = "ferry.test.echo";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aRecordProducedToTheBrokerIsConsumedBackUnchanged() {
        given().get("/info").then().statusCode(200).body("service", equalTo("coordinator"));
        Config config = ConfigProvider.getConfig();
        assertThat(config.getValue("quarkus.devservices.enabled", Boolean.class)).isFalse();
        assertThat(config.getValue("kafka.bootstrap.servers", String.class)).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(companion).isNotNull();
        // TestTopics.ALL asks for ferry.runs.v1 with two partitions
        assertThat(companion.topics().describe("ferry.runs.v1").get("ferry.runs.v1").partitions()).hasSize(2);

        companion.topics().createAndWait(ECHO, 1);
        companion.produceStrings()
                .fromRecords(new ProducerRecord<>(ECHO, "run-42", "{\"status\":\"PLANNED\"}"))
                .awaitCompletion();

        var records = companion.consumeStrings().fromTopics(ECHO, 1)
                .awaitCompletion(Duration.ofSeconds(30)).getRecords();
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("run-42");
            assertThat(r.value()).isEqualTo("{\"status\":\"PLANNED\"}");
        });
    }
}
