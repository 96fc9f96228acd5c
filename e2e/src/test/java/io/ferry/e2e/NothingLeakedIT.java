package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.spec.parse.EstateProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * After a district with honeytoken people was migrated through the five services: none of the estate's honeytokens
 * (planted personal values, {@code honeytokens.json}) is in CERT, in any record of any Kafka topic (keys, values,
 * headers), in a report, or in a service's log.
 */
@Order(2)
class NothingLeakedIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SharedDemo shared;
    private static EstateProperties estate;
    /** {store, table, column, value}; values of six characters or more (shorter ones occur by chance). */
    private static List<String[]> honeytokens;

    @BeforeAll
    static void migrated() throws Exception {
        shared = SharedDemo.get();
        shared.loaded("district-001");
        estate = EstateProperties.read(shared.dir.resolve("estate/estate.properties"));
        honeytokens = new ArrayList<>();
        for (JsonNode h : JSON.readTree(shared.dir.resolve("estate/honeytokens.json").toFile()).path("honeytokens")) {
            String value = h.path("value").asText("");
            if (value.length() >= 6) {
                honeytokens.add(new String[] {h.path("store").asText(), h.path("table").asText(), h.path("column").asText(),
                        value});
            }
        }
        assertThat(honeytokens).isNotEmpty();
    }

    /** Searched in the whole text of every row of the table it was planted in (JSON paths and free text included). */
    @Test
    void certHoldsNoHoneytokenWhereItWasPlanted() throws Exception {
        long checked = 0;
        for (String[] h : honeytokens) {
            String url = estate.require("cert." + h[0] + ".url");
            long found;
            if (url.startsWith("jdbc:")) {
                try (Connection c = DriverManager.getConnection(url, "postgres", "");
                        PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + h[1]
                                + " t WHERE strpos(lower(t::text), lower(?)) > 0")) {
                    st.setString(1, h[3]);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        found = rs.getLong(1);
                    }
                }
            } else {
                try (Driver d = GraphDatabase.driver(url, AuthTokens.none()); Session session = d.session()) {
                    // a property may be a list (of strings, say): its items are searched too
                    found = session.run("MATCH (n) WHERE any(k IN keys(n) WHERE toLower(coalesce(toStringOrNull(n[k]), ''))"
                            + " CONTAINS toLower($v) OR any(x IN CASE WHEN valueType(n[k]) STARTS WITH 'LIST' THEN n[k]"
                            + " ELSE [] END WHERE toLower(coalesce(toStringOrNull(x), '')) CONTAINS toLower($v)))"
                            + " RETURN count(n) AS n", Map.of("v", h[3])).single().get("n").asLong();
                }
            }
            checked++;
            assertThat(found).as("rows of %s %s holding the honeytoken planted in %s", h[0], h[1], h[2]).isZero();
        }
        assertThat(checked).isEqualTo(honeytokens.size());
    }

    @Test
    void noKafkaRecordCarriesAHoneytoken() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, estate.require("kafka.bootstrap.servers"));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long records = 0;
        List<String> found = new ArrayList<>();
        try (Admin admin = Admin.create(p); KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values().forEach(d ->
                    d.partitions().forEach(i -> partitions.add(new TopicPartition(d.name(), i.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(2))) {
                    records++;
                    StringBuilder text = new StringBuilder();
                    text.append(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)).append('\n');
                    text.append(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8)).append('\n');
                    for (Header h : r.headers()) {
                        text.append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)).append('\n');
                    }
                    String lower = text.toString().toLowerCase(Locale.ROOT);
                    for (String[] h : honeytokens) {
                        if (lower.contains(h[3].toLowerCase(Locale.ROOT))) {
                            found.add(r.topic() + " " + h[0] + "." + h[1] + "." + h[2]);
                        }
                    }
                }
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("reading the demo's topics failed", e);
        }
        assertThat(records).as("records read").isPositive();
        assertThat(found).as("honeytokens in Kafka records (topic and where the value was planted)").isEmpty();
    }

    @Test
    void noReportOrLogCarriesAHoneytoken() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(shared.dir.resolve("reports"), shared.dir.resolve("logs"),
                Path.of(estate.require("staging.root")).resolve("reports"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith(".html"));
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            for (String[] h : honeytokens) {
                assertThat(text.contains(h[3].toLowerCase(Locale.ROOT))).as("honeytoken of %s.%s.%s in %s", h[0], h[1],
                        h[2], f).isFalse();
            }
        }
    }
}
