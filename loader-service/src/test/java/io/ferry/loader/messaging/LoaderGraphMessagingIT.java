package io.ferry.loader.messaging;

import static io.ferry.service.testing.Requests.awaitRecords;
import static io.ferry.service.testing.Requests.keyed;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.Json;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.CompensationStatus;
import io.ferry.contracts.messages.LoadRequest;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.estate.SampleEstate;
import io.ferry.loader.load.GraphContents;
import io.ferry.loader.testing.LoaderEstateResource;
import io.ferry.loader.testing.TestTopics;
import io.ferry.schema.model.TableId;
import io.ferry.service.testing.Requests;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * The loader's graph path through the service: the sample estate with its {@code sp} graph, district-001's four
 * PostgreSQL stores and then its graph loaded by load requests, the graph following the key maps the PostgreSQL
 * loads wrote, a redelivery answered from the graph's own record, and one compensate request taking all five
 * stores back out with the graph as it was.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@QuarkusTestResource(value = LoaderEstateResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = LoaderEstateResource.GRAPH, value = "true"))
class LoaderGraphMessagingIT {

    private static final String RUN = LoaderEstateResource.RUN_ID;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @ConfigProperty(name = "ferry.test.loader.spec-hash")
    String specHash;

    @ConfigProperty(name = "ferry.loader.staging.root")
    Path root;

    private Requests requests;
    private ConsumerTask<String, String> loadResults;
    private ConsumerTask<String, String> compensateResults;

    @BeforeEach
    void watch() {
        requests = new Requests(companion);
        requests.awaitSettledGroup("ferry-loader", 2); // its request channels
        loadResults = requests.watch(Topics.LOAD_RESULTS);
        compensateResults = requests.watch(Topics.COMPENSATE_RESULTS);
    }

    @AfterEach
    void stop() {
        loadResults.stop();
        compensateResults.stop();
    }

    @Test
    void theGraphLoadsAfterItsPostgresStoresFollowingTheirKeyMapsAndCompensationTakesAllFiveOut() throws Exception {
        try (Driver graph = GraphDatabase.driver(setting("cert-url.sp"), AuthTokens.none())) {
            List<String> graphBefore = contents(graph);
            for (String store : SampleEstate.PG_DATABASES) {
                assertThat(load(store, 1).failure()).as(store).isNull();
            }
            LoadResult sp = load("sp", 1);
            assertThat(sp.failure()).as("%s", sp.failure()).isNull();
            long written = sp.tables().stream().mapToLong(t -> t.inserted() + t.updated()).sum();
            assertThat(sp.tables()).extracting(TableCounts::table).contains("Person", "Class");
            assertThat(count(graph, "MATCH (n) WHERE n._ferryRun = $run RETURN count(n) AS v")
                    + count(graph, "MATCH ()-[r]->() WHERE r._ferryRun = $run RETURN count(r) AS v")).isEqualTo(written)
                    .isPositive();
            // A person whose key the ids load moved is in the graph under its CERT key, stamped by the run.
            List<String> moved = strings("ids", "SELECT cert_key FROM ferry.key_map WHERE table_name = 'public.person'"
                    + " AND cert_key <> source_key");
            assertThat(moved).isNotEmpty();
            assertThat(count(graph, "MATCH (p:Person) WHERE p._ferryRun = $run AND toString(p.personId) IN $moved"
                    + " RETURN count(p) AS v", Map.of("moved", moved))).isPositive();

            // A redelivery whose stored result is gone is answered from the graph's :FerryRun record: the same
            // counts, nothing written twice.
            Files.delete(root.resolve(RUN + "/results/load.sp.1.json"));
            LoadResult again = load("sp", 1);
            assertThat(again.tables()).isEqualTo(sp.tables());
            assertThat(count(graph, "MATCH (n) WHERE n._ferryRun = $run RETURN count(n) AS v")).isEqualTo(
                    sp.tables().stream().filter(t -> t.schema().equals(TableId.LABELS)).mapToLong(TableCounts::inserted).sum());

            CompensateResult out = compensate();
            assertThat(out.status()).isEqualTo(CompensationStatus.COMPENSATED);
            assertThat(out.after()).containsKey("sp").isEqualTo(out.before());
            assertThat(contents(graph)).isEqualTo(graphBefore);
            assertThat(count(graph, "MATCH (r:FerryRun {runId: $run}) WHERE r.status = 'compensated' RETURN count(r)"
                    + " AS v")).isEqualTo(1);
        }
    }

    private LoadResult load(String store, int attempt) {
        int before = Requests.matching(loadResults, r -> keyed(RUN).test(r) && store(r, store)).size();
        LoadRequest request = new LoadRequest(RUN, LoaderEstateResource.DISTRICT, specHash, attempt, store,
                setting("fingerprint." + store), null);
        requests.send(Requests.record(Topics.LOAD_REQUESTS, request, loadId(store, attempt)));
        ConsumerRecord<String, String> record = awaitRecords(loadResults, r -> keyed(RUN).test(r) && store(r, store),
                before + 1).get(before);
        return Json.fromJson(record.value(), LoadResult.class);
    }

    private static boolean store(ConsumerRecord<String, String> record, String store) {
        return record.value().contains("\"store\":\"" + store + "\"");
    }

    private CompensateResult compensate() {
        CompensateRequest request = new CompensateRequest(RUN, specHash, 1, false, "rollback requested");
        requests.send(Requests.record(Topics.COMPENSATE_REQUESTS, request, MessageIds.forAttempt("compensate/" + RUN, 1)));
        CompensateResult result = Json.fromJson(awaitRecords(compensateResults, keyed(RUN), 1).get(0).value(),
                CompensateResult.class);
        assertThat(result.failure()).as("%s", result.failure()).isNull();
        return result;
    }

    private static UUID loadId(String store, int attempt) {
        return MessageIds.forAttempt("load/" + RUN + "/" + store, attempt);
    }

    private static String setting(String key) {
        return ConfigProvider.getConfig().getValue("ferry.test.loader." + key, String.class);
    }

    private static long count(Driver graph, String cypher) {
        return count(graph, cypher, Map.of());
    }

    private static long count(Driver graph, String cypher, Map<String, Object> parameters) {
        Map<String, Object> all = new HashMap<>(parameters);
        all.put("run", RUN);
        try (Session session = graph.session()) {
            return session.run(cypher, all).single().get("v").asLong();
        }
    }

    /** Every node and relationship not Ferry's own, as sorted text. */
    private static List<String> contents(Driver graph) {
        return GraphContents.of(graph);
    }

    private static List<String> strings(String store, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(setting("cert-url." + store), "postgres", "unused");
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
