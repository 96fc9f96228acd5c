package io.ferry.coordinator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.CatalogRequest;
import io.ferry.contracts.messages.CatalogResult;
import io.ferry.contracts.messages.Failure;
import io.ferry.coordinator.messaging.TestTopics;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code /districts}, {@code /schema} and {@code /plan} over the real catalog topics, the extractor played by a
 * stand-in that answers districts, fails a plan, and leaves the schema unanswered.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = ApiSettings.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CatalogIT {

    @Test
    void theExtractorsAnswersComeBackItsFailuresAre502AndSilenceIs504() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Thread standIn = Thread.ofVirtual().start(() -> answer(bootstrap));
        try {
            demo().get("/districts").then().statusCode(200).body("districts[0].id", equalTo("district-001"))
                    .body("districts[0].rank", equalTo(1));
            demo().get("/plan?district=district-999").then().statusCode(502).contentType("application/problem+json")
                    .body("detail", equalTo("the extractor could not answer the plan request: UNKNOWN_DISTRICT:"
                            + " no district district-999 in PROD"));
            demo().get("/schema").then().statusCode(504)
                    .body("detail", containsString("did not answer the schema request within 5 s"));
            demo().get("/plan").then().statusCode(400).body("detail", containsString("district is required"));
        } finally {
            standIn.interrupt();
        }
    }

    /** The extractor's side: districts answered, a plan failed, the schema never answered. */
    private static void answer(String bootstrap) {
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", "catalog-stand-in-" + UUID.randomUUID());
        c.put("auto.offset.reset", "earliest");
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new StringDeserializer()); KafkaProducer<String, String> producer = new KafkaProducer<>(p,
                new StringSerializer(), new StringSerializer())) {
            consumer.subscribe(List.of(Topics.CATALOG_REQUESTS));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    CatalogRequest q = Json.fromJson(r.value(), CatalogRequest.class);
                    CatalogResult result = switch (q.kind()) {
                        case DISTRICTS -> new CatalogResult(q.requestId(), q.kind(), q.specHash(), q.attempt(),
                                new ObjectMapper().readTree("{\"districts\": [{\"id\": \"district-001\", \"rank\": 1}]}"),
                                null);
                        case PLAN -> new CatalogResult(q.requestId(), q.kind(), q.specHash(), q.attempt(), null,
                                new Failure(Failure.Kind.FATAL, "UNKNOWN_DISTRICT", "no district " + q.district()
                                        + " in PROD"));
                        case SCHEMA -> null;
                    };
                    if (result != null) {
                        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CATALOG_RESULTS,
                                q.requestId(), Json.toJson(result));
                        record.headers().add(Headers.MESSAGE_ID, UUID.randomUUID().toString()
                                .getBytes(StandardCharsets.UTF_8));
                        producer.send(record).get();
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // the test is over
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification demo() {
        return given().auth().preemptive().basic("demo", ApiSettings.PASSWORD);
    }
}
