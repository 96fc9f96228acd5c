package io.ferry.coordinator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The testkit's broker behind a running coordinator: config handed over, Dev Services off, companion injected. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = "ferry.runs.v1:2"))
class KafkaTestResourceIT {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aRecordProducedToTheBrokerIsConsumedBackUnchanged() {
        given().get("/info").then().statusCode(200).body("service", equalTo("coordinator"));
        Config config = ConfigProvider.getConfig();
        assertThat(config.getValue("quarkus.devservices.enabled", Boolean.class)).isFalse();
        assertThat(config.getValue("kafka.bootstrap.servers", String.class)).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(companion).isNotNull();
        assertThat(companion.topics().describe("ferry.runs.v1").get("ferry.runs.v1").partitions()).hasSize(2);

        companion.produceStrings()
                .fromRecords(new ProducerRecord<>("ferry.runs.v1", "run-42", "{\"status\":\"PLANNED\"}"))
                .awaitCompletion();

        var records = companion.consumeStrings().fromTopics("ferry.runs.v1", 1)
                .awaitCompletion(Duration.ofSeconds(30)).getRecords();
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("run-42");
            assertThat(r.value()).isEqualTo("{\"status\":\"PLANNED\"}");
        });
    }
}
