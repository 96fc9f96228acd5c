package io.ferry.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ferry.cli.FerryException;
import io.ferry.cli.api.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link WarmUpRun} against a stand-in for the coordinator's API: its districts, runs, rollback and live feed. A run
 * the stand-in starts has already ended as {@link #ends} says; a rollback ends it as {@link #rolledBack} says.
 */
@Timeout(60)
class WarmUpRunTest {

    private HttpServer server;
    /** Each request, as "METHOD path body". */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> status = new ConcurrentHashMap<>();
    private volatile String districts = "[{\"id\":\"district-001\"},{\"id\":\"district-002\"},{\"id\":\"district-003\"}]";
    private volatile String ends = "SUCCEEDED";
    private volatile String rolledBack = "COMPENSATED";
    /** What {@code GET /runs} answers: the runs an earlier bench left. */
    private volatile String earlier = "[]";
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = exchange.getRequestURI().getQuery();
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query)
                + (body.isEmpty() ? "" : " " + body));
        if (path.equals("/districts")) {
            reply(exchange, "{\"districts\":" + districts + "}");
        } else if (path.equals("/runs") && exchange.getRequestMethod().equals("GET")) {
            reply(exchange, earlier);
        } else if (path.equals("/runs")) {
            String runId = "mig-20260101000000-00" + (status.size() + 1);
            status.put(runId, ends);
            reply(exchange, run(runId));
        } else if (path.endsWith("/events")) {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        } else if (path.endsWith("/rollback")) {
            String runId = path.split("/")[2];
            status.put(runId, rolledBack);
            reply(exchange, run(runId));
        } else {
            reply(exchange, run(path.split("/")[2]));
        }
    }

    private String run(String runId) {
        return "{\"runId\":\"" + runId + "\",\"status\":\"" + status.get(runId) + "\",\"step\":\"DONE\","
                + "\"extractedStores\":[],\"anonymizedBatches\":0,\"loadedStores\":[]}";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private WarmUpRun warmUp() {
        return new WarmUpRun(ApiClient.basic("http://127.0.0.1:" + server.getAddress().getPort(), "demo", "secret"),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    /** The POSTs, in order. */
    private List<String> posts() {
        return requests.stream().filter(r -> r.startsWith("POST")).toList();
    }

    @Test
    void migratesTheNextDistrictAndRollsItBackTwiceThenDryRunsTheMeasuredOne() throws Exception {
        WarmUpRun.Done done = warmUp().run("district-001");

        assertThat(done).isEqualTo(new WarmUpRun.Done("district-001", "district-002"));
        assertThat(posts()).satisfiesExactly(
                load -> assertThat(load).startsWith("POST /runs ").contains("\"district\":\"district-002\"")
                        .contains("\"dryRun\":false"),
                rollback -> assertThat(rollback).isEqualTo("POST /runs/mig-20260101000000-001/rollback"),
                load -> assertThat(load).startsWith("POST /runs ").contains("\"district\":\"district-002\"")
                        .contains("\"dryRun\":false"),
                rollback -> assertThat(rollback).isEqualTo("POST /runs/mig-20260101000000-002/rollback"),
                dry -> assertThat(dry).startsWith("POST /runs ").contains("\"district\":\"district-001\"")
                        .contains("\"dryRun\":true"));
        assertThat(status).containsEntry("mig-20260101000000-001", "COMPENSATED")
                .containsEntry("mig-20260101000000-002", "COMPENSATED");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("warm-up", "district-002", "rolled back",
                "(1 of 2)", "(2 of 2)", "district-001", "mig-20260101000000-003", "not measured");
    }

    @Test
    void aFurtherMeasuredRunRollsTheOneBeforeBackThenMigratesTheDistrictIntoCertAgain() throws Exception {
        WarmUpRun runs = warmUp();
        String first = runs.migrate("district-001", "measured run 1 of 2");
        runs.rollBack(first, "district-001");
        String second = runs.migrate("district-001", "measured run 2 of 2");

        assertThat(second).isNotEqualTo(first);
        assertThat(posts()).satisfiesExactly(
                load -> assertThat(load).contains("\"district\":\"district-001\"").contains("\"dryRun\":false"),
                rollback -> assertThat(rollback).isEqualTo("POST /runs/" + first + "/rollback"),
                load -> assertThat(load).contains("\"district\":\"district-001\"").contains("\"dryRun\":false"));
        assertThat(status).containsEntry(first, "COMPENSATED").containsEntry(second, "SUCCEEDED");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("measured run 2 of 2 (" + second + ")")
                .doesNotContain("not measured");
    }

    @Test
    void aMeasuredRunThatDoesNotSucceedStopsTheBenchNamingIt() {
        ends = "FAILED";

        assertThatThrownBy(() -> warmUp().migrate("district-001", "measured run 2 of 3"))
                .isInstanceOf(FerryException.class).hasMessageContaining("the measured run mig-20260101000000-001")
                .hasMessageContaining("FAILED").hasMessageNotContaining("--cold");
    }

    @Test
    void anEstateOfOneDistrictOnlyDryRunsIt() throws Exception {
        districts = "[{\"id\":\"district-001\"}]";

        assertThat(warmUp().run("district-001")).isEqualTo(new WarmUpRun.Done("district-001", null));
        assertThat(posts()).singleElement().satisfies(body -> assertThat(body)
                .contains("\"district\":\"district-001\"").contains("\"dryRun\":true"));
    }

    @Test
    void aWarmUpThatDoesNotSucceedStopsTheBenchNamingTheRunAndTheWayAround() {
        ends = "FAILED";

        assertThatThrownBy(() -> warmUp().run("district-001"))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("mig-20260101000000-001").hasMessageContaining("district-002")
                .hasMessageContaining("FAILED").hasMessageContaining("--cold");
        assertThat(posts()).as("nothing rolled back or run after it").hasSize(1);
    }

    @Test
    void aRollbackThatDoesNotEndCompensatedStopsTheBenchBeforeTheMeasuredDistrictRuns() {
        rolledBack = "BLOCKED";

        assertThatThrownBy(() -> warmUp().run("district-001"))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("mig-20260101000000-001").hasMessageContaining("BLOCKED")
                .hasMessageContaining("not COMPENSATED");
        assertThat(posts()).hasSize(2);
    }

    @Test
    void runsOfTheMeasuredDistrictCertStillHoldsAreRolledBackFirstDryRunsAndOthersLeftAlone() throws Exception {
        // newest first, as the API lists them: a dry run, a loaded run, a run that skipped the load
        earlier = "[" + earlierRun("mig-20251231000000-003", "\"dryRun\":true,\"loadedStores\":[]") + ","
                + earlierRun("mig-20251231000000-002", "\"dryRun\":false,\"loadedStores\":[\"ids\",\"sp\"]") + ","
                + earlierRun("mig-20251231000000-001", "\"dryRun\":false,\"skipLoad\":true,\"loadedStores\":[]") + "]";
        status.put("mig-20251231000000-002", "SUCCEEDED");

        assertThat(warmUp().takeOutEarlierLoads("district-001")).containsExactly("mig-20251231000000-002");

        assertThat(requests).first().isEqualTo("GET /runs?status=SUCCEEDED&district=district-001&size=500");
        assertThat(posts()).containsExactly("POST /runs/mig-20251231000000-002/rollback");
        assertThat(status).containsEntry("mig-20251231000000-002", "COMPENSATED");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("district-001 is in CERT from"
                + " mig-20251231000000-002", "rolling it back first");
    }

    @Test
    void anEarlierLoadThatWillNotComeOutStopsTheBenchNamingIt() {
        earlier = "[" + earlierRun("mig-20251231000000-002", "\"dryRun\":false,\"loadedStores\":[\"ids\"]") + "]";
        rolledBack = "BLOCKED";

        assertThatThrownBy(() -> warmUp().takeOutEarlierLoads("district-001"))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("mig-20251231000000-002").hasMessageContaining("BLOCKED");
    }

    @Test
    void nothingEarlierInCertMeansNoRollback() throws Exception {
        assertThat(warmUp().takeOutEarlierLoads("district-001")).isEmpty();
        assertThat(posts()).isEmpty();
    }

    private static String earlierRun(String runId, String fields) {
        return "{\"runId\":\"" + runId + "\",\"district\":\"district-001\",\"status\":\"SUCCEEDED\"," + fields + "}";
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
