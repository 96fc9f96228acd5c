package io.ferry.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIT {

    @Test
    void createsTopicsAndCarriesRecordsThenStopsQuicklyAndLeavesNoDirectory() throws Exception {
        Path logDir;
        long closeMillis;
        try (KafkaBroker broker = KafkaBroker.startTemporary()) {
            logDir = broker.logDir();
            assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");

            broker.createTopics(Map.of("ferry.batches.extracted.v1", 2, "ferry.runs.v1", 1));
            broker.createTopics(Map.of("ferry.runs.v1", 1));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("ferry.batches.extracted.v1", "ferry.runs.v1");
                assertThat(admin.describeTopics(Set.of("ferry.batches.extracted.v1")).allTopicNames().get()
                        .get("ferry.batches.extracted.v1").partitions()).hasSize(2);
            }

            produce(broker, "auto.created", "run-1", "hello");
            assertThat(consume(broker, "auto.created", 1))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.key()).isEqualTo("run-1");
                        assertThat(r.value()).isEqualTo("hello");
                    });
            long start = System.nanoTime();
            broker.close();
            closeMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        }
        assertThat(closeMillis).isLessThan(2_000);
        assertThat(Files.exists(logDir)).isFalse();
    }

    @Test
    void restartsOnItsOwnLogDirectoryWithTopicsAndRecordsKept(@TempDir Path dir) throws Exception {
        Path logDir = dir.resolve("kafka");
        try (KafkaBroker broker = KafkaBroker.start(logDir)) {
            produce(broker, "kept", "k", "before restart");
        }
        assertThat(logDir).isDirectory();

        try (KafkaBroker broker = KafkaBroker.start(logDir)) {
            assertThat(consume(broker, "kept", 1)).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo("before restart"));
        }
    }

    static void produce(KafkaBroker broker, String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    static List<ConsumerRecord<String, String>> consume(KafkaBroker broker, String topic, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-broker-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
