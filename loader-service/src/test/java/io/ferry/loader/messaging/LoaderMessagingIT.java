package io.ferry.loader.messaging;

import static io.ferry.service.testing.Requests.awaitRecords;
import static io.ferry.service.testing.Requests.header;
import static io.ferry.service.testing.Requests.keyed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.Phase;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.CompensateResult.BlockedRow;
import io.ferry.contracts.messages.CompensateResult.Cause;
import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.contracts.messages.CompensationStatus;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.LoadRequest;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.Progress;
import io.ferry.estate.SampleEstate;
import io.ferry.loader.load.TableChecksum;
import io.ferry.loader.testing.LoaderEstateResource;
import io.ferry.loader.testing.TestTopics;
import io.ferry.schema.model.TableId;
import io.ferry.service.testing.Requests;
import io.ferry.testkit.quarkus.KafkaResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loader behind a real (in-process) broker, with a filesystem staging and the sample estate's PROD and
 * CERT on real PostgreSQL servers ({@link LoaderEstateResource}): load and compensate requests in, results,
 * progress and dead letters out. The service holds CERT's connections only.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@QuarkusTestResource(value = LoaderEstateResource.class, restrictToAnnotatedClass = true)
class LoaderMessagingIT {

    private static final String RUN = LoaderEstateResource.RUN_ID;
    private static final List<String> STORES = SampleEstate.PG_DATABASES;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "ferry.loader.staging.root")
    Path root;

    @ConfigProperty(name = "ferry.test.loader.spec-hash")
    String specHash;

    private Requests requests;
    private ConsumerTask<String, String> loadResults;
    private ConsumerTask<String, String> compensateResults;
    private ConsumerTask<String, String> progress;
    private ConsumerTask<String, String> deadLetters;

    @BeforeEach
    void watch() {
        requests = new Requests(companion);
        requests.awaitSettledGroup("ferry-loader", 2); // its request channels
        loadResults = requests.watch(Topics.LOAD_RESULTS);
        compensateResults = requests.watch(Topics.COMPENSATE_RESULTS);
        progress = requests.watch(Topics.PROGRESS);
        deadLetters = requests.watch(Topics.dlq(Topics.COMPENSATE_REQUESTS));
    }

    @AfterEach
    void stop() {
        loadResults.stop();
        compensateResults.stop();
        progress.stop();
        deadLetters.stop();
    }

    @Test
    void isHealthyAndNamesItself() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'staging' }.status", equalTo("UP"));
        given().get("/info").then().statusCode(200).body("service", equalTo("loader"));
    }

    @Test
    void loadsEveryStoreAnswersRedeliveriesWithoutLoadingAgainAndTakesTheRunBackOutWithProof() throws Exception {
        Map<String, Map<TableId, TableProof>> untouched = certTables();

        Map<String, LoadResult> loaded = new LinkedHashMap<>();
        Map<String, String> wire = new LinkedHashMap<>();
        for (String store : STORES) {
            LoadRequest request = new LoadRequest(RUN, LoaderEstateResource.DISTRICT, specHash, 1, store,
                    fingerprint(store), null);
            requests.send(Requests.record(Topics.LOAD_REQUESTS, request, loadId(store, 1)));
            ConsumerRecord<String, String> record = awaitRecords(loadResults, r -> keyed(RUN).test(r)
                    && r.value().contains("\"store\":\"" + store + "\""), 1).get(0);
            LoadResult result = Json.fromJson(record.value(), LoadResult.class);
            assertThat(result.failure()).as("%s", result.failure()).isNull();
            assertThat(result.tables()).isNotEmpty();
            assertThat(header(record, Headers.CAUSATION_ID)).isEqualTo(loadId(store, 1).toString());
            loaded.put(store, result);
            wire.put(store, record.value());
        }
        // Every staged row went in (or was skipped onto CERT's own lookup row), and CERT's held rows grew by that.
        Map<String, Map<TableId, TableProof>> afterLoad = certTables();
        for (String store : STORES) {
            long written = loaded.get(store).tables().stream().mapToLong(LoadResult.TableCounts::inserted).sum();
            assertThat(rows(afterLoad.get(store)) - rows(untouched.get(store))).as(store).isEqualTo(written).isPositive();
            assertThat(runStatus(store, RUN)).isEqualTo("loaded");
        }
        assertThat(loaded.get("ids").tables()).anySatisfy(t -> assertThat(t.remapped()).isPositive());
        Progress tick = Json.fromJson(awaitRecords(progress, keyed(RUN), STORES.size()).get(0).value(), Progress.class);
        assertThat(tick.phase()).isEqualTo(Phase.LOAD);
        assertThat(tick.rowsDone()).isPositive();
        assertThat(counter("ferry.load.stores")).isEqualTo(STORES.size());

        // A redelivery re-sends the stored result; with the stored result gone (the loader stopped between its
        // commit and storing it), the store's own record answers: the same counts, nothing loaded twice.
        Files.delete(root.resolve(RUN + "/results/load.ids.1.json"));
        LoadRequest again = new LoadRequest(RUN, LoaderEstateResource.DISTRICT, specHash, 1, "ids", fingerprint("ids"), null);
        requests.send(Requests.record(Topics.LOAD_REQUESTS, again, loadId("ids", 1)));
        List<ConsumerRecord<String, String>> both = awaitRecords(loadResults, r -> keyed(RUN).test(r)
                && r.value().contains("\"store\":\"ids\""), 2);
        assertThat(both.get(1).value()).isEqualTo(wire.get("ids"));
        assertThat(header(both.get(1), Headers.MESSAGE_ID)).isEqualTo(header(both.get(0), Headers.MESSAGE_ID));
        assertThat(counter("ferry.load.stores")).isEqualTo(STORES.size());
        assertThat(certTables()).isEqualTo(afterLoad);

        // A tester edits a loaded person: rollback stops with the row named, and changes nothing.
        String person = single("ids", "SELECT row_key->>'id' FROM ferry.ledger WHERE run_id = '" + RUN + "' AND"
                + " table_name = 'public.person' AND action = 'insert' ORDER BY (row_key->>'id')::bigint LIMIT 1");
        execute("ids", "UPDATE public.person SET first_name = 'Edited' WHERE id = " + person);
        CompensateResult blocked = compensate(new CompensateRequest(RUN, specHash, 1, false, "rollback requested"));
        assertThat(blocked.status()).isEqualTo(CompensationStatus.BLOCKED);
        assertThat(blocked.blocked()).contains(new BlockedRow("ids", "public.person", person, Cause.CHANGED_SINCE_LOAD));
        assertThat(blocked.before()).isEmpty();
        for (String store : STORES) {
            assertThat(runStatus(store, RUN)).isEqualTo("loaded");
        }

        // Forced, it goes past the edit, keeps its image, and every table is back to what it held: the proof in
        // the result says so per touched table, and every row of every table agrees.
        CompensateResult forced = compensate(new CompensateRequest(RUN, specHash, 2, true, "rollback --force"));
        assertThat(forced.status()).isEqualTo(CompensationStatus.COMPENSATED);
        assertThat(forced.after()).containsOnlyKeys(STORES);
        assertThat(forced.after()).isEqualTo(forced.before());
        assertThat(forced.blocked()).contains(new BlockedRow("ids", "public.person", person, Cause.CHANGED_SINCE_LOAD));
        assertThat(certTables()).isEqualTo(untouched);
        assertThat(single("ids", "SELECT image->>'first_name' FROM ferry.forced_image WHERE run_id = '" + RUN + "'"
                + " AND table_name = 'public.person' AND row_key->>'id' = '" + person + "'")).isEqualTo("Edited");
        for (String store : STORES) {
            assertThat(runStatus(store, RUN)).isEqualTo("compensated");
        }

        // Again: nothing left to take out; the proof kept the first time is reported.
        CompensateResult repeated = compensate(new CompensateRequest(RUN, specHash, 3, false, "rollback requested"));
        assertThat(repeated.status()).isEqualTo(CompensationStatus.COMPENSATED);
        assertThat(repeated.before()).isEqualTo(forced.before());
        assertThat(repeated.after()).isEqualTo(forced.after());
        assertThat(certTables()).isEqualTo(untouched);
        assertThat(counter("ferry.compensate.compensations")).isEqualTo(3);
    }

    @Test
    void aCertSchemaChangedSinceValidationFailsTheLoadBeforeAnythingIsWritten() throws Exception {
        String run = "mig-20261123090000-002";
        LoadRequest request = new LoadRequest(run, LoaderEstateResource.DISTRICT, specHash, 1, "hcp2", "f".repeat(64), null);
        requests.send(Requests.record(Topics.LOAD_REQUESTS, request, loadId("hcp2", 1, run)));

        LoadResult result = Json.fromJson(awaitRecords(loadResults, keyed(run), 1).get(0).value(), LoadResult.class);
        assertThat(result.tables()).isEmpty();
        assertThat(result.failure().kind()).isEqualTo(Failure.Kind.FATAL);
        assertThat(result.failure().code()).isEqualTo("CERT_SCHEMA_CHANGED");
        assertThat(result.failure().message()).contains("hcp2", "validate the run again");
        assertThat(runStatus("hcp2", run)).isNull();
    }

    @Test
    void aRequestNamingAStoreTheSpecLacksFailsFatally() {
        String run = "mig-20261123090000-003";
        LoadRequest request = new LoadRequest(run, LoaderEstateResource.DISTRICT, specHash, 1, "nowhere", "f".repeat(64),
                null);
        requests.send(Requests.record(Topics.LOAD_REQUESTS, request, loadId("nowhere", 1, run)));

        LoadResult result = Json.fromJson(awaitRecords(loadResults, keyed(run), 1).get(0).value(), LoadResult.class);
        assertThat(result.failure().code()).isEqualTo("UNKNOWN_STORE");
        assertThat(result.failure().message()).contains("nowhere");
    }

    @Test
    void anUnreadableCompensateRequestGoesToTheDeadLetterTopic() {
        String run = "mig-20261123090000-004";
        requests.send(Requests.record(Topics.COMPENSATE_REQUESTS, run, "{\"runId\": 7}",
                MessageIds.forAttempt("compensate/" + run, 1), run));
        ConsumerRecord<String, String> letter = awaitRecords(deadLetters, keyed(run), 1).get(0);
        assertThat(letter.value()).isEqualTo("{\"runId\": 7}");
        assertThat(header(letter, Headers.DLQ_REASON)).isNotBlank();
        assertThat(Requests.matching(compensateResults, keyed(run))).isEmpty();
    }

    private CompensateResult compensate(CompensateRequest request) {
        int before = Requests.matching(compensateResults, keyed(RUN)).size();
        requests.send(Requests.record(Topics.COMPENSATE_REQUESTS, request,
                MessageIds.forAttempt("compensate/" + RUN, request.attempt())));
        ConsumerRecord<String, String> record = awaitRecords(compensateResults, keyed(RUN), before + 1).get(before);
        CompensateResult result = Json.fromJson(record.value(), CompensateResult.class);
        assertThat(result.failure()).as("%s", result.failure()).isNull();
        assertThat(result.attempt()).isEqualTo(request.attempt());
        return result;
    }

    private static UUID loadId(String store, int attempt) {
        return loadId(store, attempt, RUN);
    }

    private static UUID loadId(String store, int attempt, String run) {
        return MessageIds.forAttempt("load/" + run + "/" + store, attempt);
    }

    private double counter(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static String setting(String key) {
        return ConfigProvider.getConfig().getValue("ferry.test.loader." + key, String.class);
    }

    private static String fingerprint(String store) {
        return setting("fingerprint." + store);
    }

    private static Connection connect(String store) throws SQLException {
        return DriverManager.getConnection(setting("cert-url." + store), "postgres", "unused");
    }

    /** Per store, every table's rows and checksum. */
    private static Map<String, Map<TableId, TableProof>> certTables() throws SQLException {
        Map<String, Map<TableId, TableProof>> tables = new LinkedHashMap<>();
        for (String store : STORES) {
            try (Connection c = connect(store)) {
                tables.put(store, TableChecksum.ofStore(c, store, List.of("public")));
            }
        }
        return tables;
    }

    private static long rows(Map<TableId, TableProof> tables) {
        return tables.values().stream().mapToLong(TableProof::rows).sum();
    }

    private static String runStatus(String store, String run) throws SQLException {
        List<String> status = strings(store, "SELECT status FROM ferry.run WHERE run_id = '" + run + "'");
        return status.isEmpty() ? null : status.get(0);
    }

    private static String single(String store, String sql) throws SQLException {
        List<String> values = strings(store, sql);
        assertThat(values).as(sql).hasSize(1);
        return values.get(0);
    }

    private static List<String> strings(String store, String sql) throws SQLException {
        try (Connection c = connect(store); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private static void execute(String store, String sql) throws SQLException {
        try (Connection c = connect(store); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
