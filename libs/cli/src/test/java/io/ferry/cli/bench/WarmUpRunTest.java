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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link WarmUpRun} against a stand-in for the coordinator's API: its runs and live feed. */
@Timeout(60)
class WarmUpRunTest {

    private static final String RUN = "mig-20260101000000-002";

    private HttpServer server;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private volatile String ends = "SUCCEEDED";
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/runs", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(exchange, "{\"runId\":\"" + RUN + "\",\"status\":\"REQUESTED\"}");
        });
        server.createContext("/runs/" + RUN, exchange -> reply(exchange, "{\"runId\":\"" + RUN + "\",\"status\":\""
                + ends + "\",\"step\":\"DONE\",\"extractedStores\":[],\"anonymizedBatches\":0,\"loadedStores\":[]}"));
        server.createContext("/runs/" + RUN + "/events", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ApiClient api() {
        return ApiClient.basic("http://127.0.0.1:" + server.getAddress().getPort(), "demo", "secret");
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void dryRunsTheMeasuredDistrictToItsEnd() throws Exception {
        String district = new WarmUpRun(api(), new PrintStream(printed, true, StandardCharsets.UTF_8)).run("district-001");

        assertThat(district).isEqualTo("district-001");
        assertThat(posted).singleElement().satisfies(body -> assertThat(body)
                .contains("\"district\":\"district-001\"").contains("\"dryRun\":true"));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("warm-up", "district-001", RUN, "not measured");
    }

    @Test
    void aWarmUpThatDoesNotSucceedStopsTheBenchNamingTheRunAndTheWayAround() {
        ends = "FAILED";

        assertThatThrownBy(() -> new WarmUpRun(api(), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run("district-001"))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining(RUN).hasMessageContaining("district-001").hasMessageContaining("FAILED")
                .hasMessageContaining("--cold");
    }
}
