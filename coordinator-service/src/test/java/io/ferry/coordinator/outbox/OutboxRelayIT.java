package io.ferry.coordinator.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.Headers;
import io.ferry.service.messaging.Envelope;
import io.ferry.coordinator.persistence.MigratedDatabase;
import io.ferry.service.messaging.Publisher;
import io.ferry.testkit.kafka.KafkaBroker;
import io.ferry.testkit.postgres.PostgresServer;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The outbox relay between the coordinator's real PostgreSQL and a real broker. */
class OutboxRelayIT {

    private static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");

    private static PostgresServer server;
    private static KafkaBroker broker;
    private static PGSimpleDataSource db;
    private static KafkaProducer<String, String> producer;
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private String topic;

    @BeforeAll
    static void start() {
        server = PostgresServer.startTemporary();
        db = MigratedDatabase.create(server, "coordinator");
        broker = KafkaBroker.startTemporary();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshTopicAndOutbox() throws SQLException {
        topic = "ferry.test.outbox." + TOPICS.incrementAndGet();
        broker.createTopics(Map.of(topic, 1));
        execute("UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL");
    }

    @Test
    void dueRowsGoOutInOrderWithTheirHeadersAndAreNeverSentAgain() throws Exception {
        UUID first = row("k1", "{\"n\":1}", NOW);
        UUID second = row("k1", "{\"n\":2}", NOW);
        UUID later = row("k2", "{\"n\":3}", NOW.plusSeconds(8));
        OutboxRelay relay = new OutboxRelay(db, publisher, 100, Duration.ofSeconds(30));

        assertThat(relay.relayOnce(NOW)).isEqualTo(2);
        assertThat(relay.relayOnce(NOW)).isZero();
        List<ConsumerRecord<String, String>> records = consume(2);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(records).extracting(r -> header(r, Headers.MESSAGE_ID)).containsExactly(first.toString(),
                second.toString());
        assertThat(header(records.get(0), Headers.RUN_ID)).isEqualTo("mig-20261123160000-001");
        assertThat(header(records.get(0), Headers.SCHEMA_VERSION)).isEqualTo("1.0");
        assertThat(header(records.get(0), Headers.CAUSATION_ID)).isNotBlank();

        // The retry's backoff: not before its time.
        assertThat(relay.relayOnce(NOW.plusSeconds(7))).isZero();
        assertThat(relay.relayOnce(NOW.plusSeconds(8))).isEqualTo(1);
        assertThat(consume(3).get(2)).satisfies(r -> assertThat(header(r, Headers.MESSAGE_ID)).isEqualTo(later.toString()));
    }

    @Test
    void aRelayThatDiesAfterTheAcksSendsTheRowsAgainWithTheSameIdsAndThenNeverAgain() throws Exception {
        UUID a = row("k1", "{\"n\":1}", NOW);
        UUID b = row("k1", "{\"n\":2}", NOW);
        OutboxRelay dying = new OutboxRelay(commitFails(db), publisher, 100, Duration.ofSeconds(30));
        assertThatThrownBy(() -> dying.relayOnce(NOW)).isInstanceOf(SQLException.class).hasMessageContaining("crash");
        assertThat(unsent()).isEqualTo(2);

        OutboxRelay relay = new OutboxRelay(db, publisher, 100, Duration.ofSeconds(30));
        assertThat(relay.relayOnce(NOW)).isEqualTo(2);
        assertThat(relay.relayOnce(NOW)).isZero();
        // Four records, two per id: a consumer that keeps processed ids acts on each once.
        assertThat(consume(4)).extracting(r -> header(r, Headers.MESSAGE_ID)).containsExactly(a.toString(),
                b.toString(), a.toString(), b.toString());
        assertThat(unsent()).isZero();
    }

    @Test
    void rowsAfterOneTheBrokerDidNotAcknowledgeStayUnsentSoOrderHolds() throws Exception {
        row("k1", "{\"n\":1}", NOW);
        row("k1", "{\"n\":2}", NOW);
        row("k1", "{\"n\":3}", NOW);
        AtomicInteger calls = new AtomicInteger();
        Publisher secondFails = new Publisher() {
            @Override
            public CompletableFuture<Void> send(Envelope envelope) {
                return calls.incrementAndGet() == 2 ? CompletableFuture.failedFuture(new IllegalStateException("no leader"))
                        : publisher.send(envelope);
            }

            @Override
            public void sendBestEffort(Envelope envelope) {
                throw new UnsupportedOperationException();
            }
        };
        assertThat(new OutboxRelay(db, secondFails, 100, Duration.ofSeconds(30)).relayOnce(NOW)).isEqualTo(1);
        assertThat(unsent()).isEqualTo(2);
        assertThat(new OutboxRelay(db, publisher, 100, Duration.ofSeconds(30)).relayOnce(NOW)).isEqualTo(2);
        assertThat(consume(4)).extracting(ConsumerRecord::value)
                .containsExactly("{\"n\":1}", "{\"n\":3}", "{\"n\":2}", "{\"n\":3}");
    }

    @Test
    void oneRelayAtATime() throws Exception {
        row("k1", "{\"n\":1}", NOW);
        try (Connection holder = db.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + 0x4665727279L + ")");
            }
            assertThat(new OutboxRelay(db, publisher, 100, Duration.ofSeconds(30)).relayOnce(NOW)).isZero();
            holder.rollback();
        }
        assertThat(new OutboxRelay(db, publisher, 100, Duration.ofSeconds(30)).relayOnce(NOW)).isEqualTo(1);
    }

    /** Sends through the test's producer, acknowledged as the broker acknowledges (acks=all). */
    private final Publisher publisher = new Publisher() {
        @Override
        public CompletableFuture<Void> send(Envelope envelope) {
            return OutboxRelayIT.send(envelope);
        }

        @Override
        public void sendBestEffort(Envelope envelope) {
            throw new UnsupportedOperationException("the relay waits for every acknowledgement");
        }
    };

    private static CompletableFuture<Void> send(Envelope envelope) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        ProducerRecord<String, String> record = new ProducerRecord<>(envelope.topic(), envelope.key(), envelope.value());
        envelope.headers().forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                acked.complete(null);
            } else {
                acked.completeExceptionally(error);
            }
        });
        return acked;
    }

    private UUID row(String key, String payload, Instant notBefore) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("INSERT INTO outbox (message_id,"
                + " run_id, topic, message_key, causation_id, payload, not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setObject(1, id);
            st.setString(2, "mig-20261123160000-001");
            st.setString(3, topic);
            st.setString(4, key);
            st.setObject(5, UUID.randomUUID());
            st.setString(6, payload);
            st.setTimestamp(7, Timestamp.from(notBefore));
            st.setTimestamp(8, Timestamp.from(NOW));
            st.executeUpdate();
        }
        return id;
    }

    private List<ConsumerRecord<String, String>> consume(int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // A moment more: nothing beyond what was expected may arrive.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        assertThat(records).hasSize(expected);
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private long unsent() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND topic = ?")) {
            st.setString(1, topic);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The database as a relay sees it that dies between the broker's acknowledgements and its commit. */
    private static DataSource commitFails(DataSource db) {
        return (DataSource) Proxy.newProxyInstance(OutboxRelayIT.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(db, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection real = (Connection) result;
                    return Proxy.newProxyInstance(OutboxRelayIT.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit")) {
                                    throw new SQLException("simulated crash before commit");
                                }
                                return m.invoke(real, a);
                            });
                });
    }
}
