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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link RunWatch} against a stand-in for the coordinator's API: its run, its approval and its live feed. */
class RunWatchTest {

    private static final String RUN = "mig-20260101000000-001";

    private HttpServer server;
    private final AtomicReference<String> status = new AtomicReference<>("RUNNING");
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger approvals = new AtomicInteger();
    private volatile int endAfterReads = Integer.MAX_VALUE;
    private final CountDownLatch feedOpen = new CountDownLatch(1);
    private volatile OutputStream feed;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/runs/" + RUN, this::run);
        server.createContext("/runs/" + RUN + "/approve", exchange -> {
            approvals.incrementAndGet();
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
        // the status is taken before the read is counted, so that a test that saw the count knows what was answered
        String answer = status.get();
        if (reads.incrementAndGet() >= endAfterReads) {
            answer = "SUCCEEDED";
        }
        reply(exchange, "{\"runId\":\"" + RUN + "\",\"status\":\"" + answer + "\",\"step\":\"LOAD\","
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
        feed.write(("data: {\"type\":\"status\",\"runId\":\"" + RUN + "\",\"status\":{\"runId\":\"" + RUN
                + "\",\"status\":\"AWAITING_APPROVAL\"}}\n\n").getBytes(StandardCharsets.UTF_8));
        feed.flush();
    }

    @Test
    @Timeout(60)
    void readsTheRunAtOnceWhenTheFeedSaysItsStatusChanged() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Thread gate = Thread.ofPlatform().start(() -> {
            try {
                assertThat(feedOpen.await(10, TimeUnit.SECONDS)).isTrue();
                while (reads.get() < 1) {
                    Thread.sleep(10);
                }
                reachGate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // a poll far longer than the test may take: only the feed's word can bring the gate to the watch's notice
        String ended = watch(printed, 600_000).follow(RUN, 5).path("status").asText();
        gate.join();

        assertThat(ended).isEqualTo("SUCCEEDED");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("approving: BEFORE_LOAD");
        // running, then at the gate (the feed's wake-up), then done after the approval
        assertThat(reads.get()).isEqualTo(3);
        assertThat(approvals.get()).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void readsTheRunOnceAPollWhileTheFeedIsQuiet() throws Exception {
        endAfterReads = 4;
        long start = System.nanoTime();

        String ended = watch(new ByteArrayOutputStream(), 300).follow(RUN, 5).path("status").asText();

        assertThat(ended).isEqualTo("SUCCEEDED");
        assertThat(reads.get()).isEqualTo(4);
        // three waits between four reads; a watch that read more often would have been quicker
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(900);
    }

    private RunWatch watch(ByteArrayOutputStream printed, long pollMillis) {
        ApiClient api = ApiClient.basic("http://127.0.0.1:" + server.getAddress().getPort(), "demo", "secret");
        return new RunWatch(api, new PrintStream(printed, true, StandardCharsets.UTF_8), true, pollMillis);
    }
}
