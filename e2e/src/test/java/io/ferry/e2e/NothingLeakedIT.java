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
import org.junit.jupiter.api.Test;

/**
 * After a district with honeytoken people was migrated through the five services: none of the estate's honeytokens
 * (planted personal values, {@code honeytokens.json}) is in CERT, in any record of any Kafka topic (keys, values,
 * headers), in a report, or in a service's log.
 */
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

    @Test
    void certHoldsNoHoneytokenWhereItWasPlanted() throws Exception {
        for (String[] h : honeytokens) {
            if (!estate.get("cert." + h[0] + ".url").orElse("").startsWith("jdbc:")) {
                continue;
            }
            try (Connection c = DriverManager.getConnection(estate.require("cert." + h[0] + ".url"), "postgres", "");
                    PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + h[1] + " WHERE lower("
                            + h[2] + "::text) = lower(?)")) {
                st.setString(1, h[3]);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("honeytoken of %s.%s.%s in CERT", h[0], h[1], h[2]).isZero();
                }
            }
        }
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
