package io.ferry.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RunWatch} against a stand-in for the coordinator's API: its run, its approval and its live feed. */
class RunWatchTest {

    private static final String RUN = "mig-20260101000000-001";

    private HttpServer server;
    private final AtomicReference<String> status = new AtomicReference<>("RUNNING");
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong gateAt = new AtomicLong();
    private final AtomicLong approvedAt = new AtomicLong();
    private final CountDownLatch feedOpen = new CountDownLatch(1);
    private volatile OutputStream feed;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/runs/" + RUN, this::run);
        server.createContext("/runs/" + RUN + "/approve", exchange -> {
            approvedAt.set(System.nanoTime());
            status.set("SUCCEEDED");
            reply(exchange, "{\"runId\":\"" + RUN + "\"}");
        });
        server.createContext("/runs/" + RUN + "/events", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            feed = exchange.getResponseBody();
            feedOpen.countDown();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void run(HttpExchange exchange) throws IOException {
        reads.incrementAndGet();
        reply(exchange, "{\"runId\":\"" + RUN + "\",\"status\":\"" + status.get() + "\",\"step\":\"LOAD\","
                + "\"waitingFor\":\"BEFORE_LOAD\",\"extractedStores\":[],\"anonymizedBatches\":0,\"loadedStores\":[]}");
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The run reaches its approval gate: the API says so, and so does the feed. */
    private void reachGate() throws IOException {
        status.set("AWAITING_APPROVAL");
        gateAt.set(System.nanoTime());
        feed.write(("data: {\"type\":\"status\",\"runId\":\"" + RUN + "\",\"status\":{\"runId\":\"" + RUN
                + "\",\"status\":\"AWAITING_APPROVAL\"}}\n\n").getBytes(StandardCharsets.UTF_8));
        feed.flush();
    }

    @Test
    void readsTheRunOnceASecondAndAtOnceWhenTheFeedSaysItsStatusChanged() throws Exception {
        ApiClient api = ApiClient.basic("http://127.0.0.1:" + server.getAddress().getPort(), "demo", "secret");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Thread gate = Thread.ofPlatform().start(() -> {
            try {
                assertThat(feedOpen.await(10, TimeUnit.SECONDS)).isTrue();
                Thread.sleep(2_100);
                reachGate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        String ended = new RunWatch(api, new PrintStream(printed, true, StandardCharsets.UTF_8), true)
                .follow(RUN, 5).path("status").asText();
        gate.join();

        assertThat(ended).isEqualTo("SUCCEEDED");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("approving: BEFORE_LOAD");
        // 2.1 s of a quiet run: a read at the start and one a second (four reads a second before)
        assertThat(reads.get()).isBetween(3, 6);
        // the gate is approved on the feed's word, not at the next second's read
        assertThat(TimeUnit.NANOSECONDS.toMillis(approvedAt.get() - gateAt.get())).isLessThan(500);
    }
}
