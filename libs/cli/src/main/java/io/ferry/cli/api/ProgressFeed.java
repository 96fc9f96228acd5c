package io.ferry.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A run's live feed ({@code GET /runs/{id}/events}, server-sent events) read in the background: each progress report
 * goes to a consumer, and each status change is signalled (the watch then reads the run at once). Best effort, like
 * the reports themselves: a feed that fails or ends leaves the watch to its polling of the run.
 */
final class ProgressFeed implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private ProgressFeed(CompletableFuture<HttpResponse<Stream<String>>> response) {
        this.response = response;
    }

    static ProgressFeed open(ApiClient api, String runId, Consumer<JsonNode> progress, Runnable statusChanged) {
        CompletableFuture<HttpResponse<Stream<String>>> response = api.stream("/runs/" + runId + "/events");
        response.thenAcceptAsync(r -> {
            if (r.statusCode() != 200) {
                r.body().close();
                return;
            }
            try (Stream<String> lines = r.body()) {
                lines.filter(l -> l.startsWith("data:")).forEach(l -> item(l.substring(5).strip(), progress,
                        statusChanged));
            } catch (RuntimeException e) {
                // the feed went away (the watch closed it, or the coordinator stopped): polling goes on
            }
        });
        return new ProgressFeed(response);
    }

    private static void item(String json, Consumer<JsonNode> progress, Runnable statusChanged) {
        try {
            JsonNode item = JSON.readTree(json);
            switch (item.path("type").asText()) {
                case "progress" -> progress.accept(item.path("progress"));
                case "status" -> statusChanged.run();
                default -> {
                    // a newer coordinator's item: skipped
                }
            }
        } catch (IOException e) {
            // not a feed item: skipped
        }
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
