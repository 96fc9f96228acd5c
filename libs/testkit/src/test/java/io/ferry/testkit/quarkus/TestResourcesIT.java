package io.ferry.testkit.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.SharedServers;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;

/** The resources outside Quarkus: what they hand to the configuration works, and each server is shared. */
class TestResourcesIT {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void postgresResourceCreatesTheNamedDatabasesOnTheSharedServer() throws Exception {
        PostgresResource resource = new PostgresResource();
        resource.init(Map.of(PostgresResource.DATABASES, "coordinator, ids"));
        Map<String, String> config = resource.start();

        assertThat(config).containsEntry("quarkus.datasource.devservices.enabled", "false")
                .containsEntry("quarkus.devservices.enabled", "false")
                .containsEntry("quarkus.datasource.jdbc.url", config.get("ferry.test.postgres.coordinator.url"))
                .containsEntry("quarkus.datasource.jdbc.url", SharedServers.postgres().jdbcUrl("coordinator"));
        Properties user = new Properties();
        user.setProperty("user", config.get("ferry.test.postgres.ids.user"));
        try (Connection c = DriverManager.getConnection(config.get("ferry.test.postgres.ids.url"), user);
                ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ids");
        }
        assertThat(new PostgresResource().start()).containsEntry("quarkus.datasource.jdbc.url",
                SharedServers.postgres().jdbcUrl("ferry"));
    }

    @Test
    void kafkaResourceCreatesTopicsAndInjectsACompanionThatReachesTheBroker() {
        KafkaResource resource = new KafkaResource();
        resource.init(Map.of(KafkaResource.TOPICS, "resource-it.a:2, resource-it.b"));
        Map<String, String> config = resource.start();
        try {
            assertThat(config).containsEntry("kafka.bootstrap.servers", SharedServers.kafka().bootstrapServers())
                    .containsEntry("mp.messaging.connector.smallrye-kafka.bootstrap.servers",
                            SharedServers.kafka().bootstrapServers())
                    .containsEntry("quarkus.kafka.devservices.enabled", "false");

            resource.inject((value, predicate) -> {
                for (Field field : getClass().getDeclaredFields()) {
                    if (predicate.test(field)) {
                        field.setAccessible(true);
                        try {
                            field.set(this, value);
                        } catch (IllegalAccessException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            });

            assertThat(companion).isNotNull();
            assertThat(companion.topics().describe("resource-it.a").get("resource-it.a").partitions()).hasSize(2);
            companion.produceStrings().fromRecords(new ProducerRecord<>("resource-it.b", "k", "v")).awaitCompletion();
            var records = companion.consumeStrings().fromTopics("resource-it.b", 1)
                    .awaitCompletion(Duration.ofSeconds(30)).getRecords();
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("k");
                assertThat(r.value()).isEqualTo("v");
            });
        } finally {
            resource.stop();
        }
    }

    @Test
    void neo4jResourceHandsOutTheSharedBoltAddressWithoutAuthentication() {
        Map<String, String> config = new Neo4jResource().start();

        assertThat(config).containsEntry("quarkus.neo4j.uri", SharedServers.neo4j().boltUri().toString())
                .containsEntry("quarkus.neo4j.authentication.disabled", "true")
                .containsEntry("quarkus.neo4j.devservices.enabled", "false");
        try (var driver = GraphDatabase.driver(config.get("quarkus.neo4j.uri"), AuthTokens.none())) {
            assertThat(driver.executableQuery("RETURN 42 AS n").execute().records().getFirst().get("n").asInt())
                    .isEqualTo(42);
        }
    }
}
