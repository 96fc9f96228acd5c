package io.ferry.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The coordinator's REST API as the command line uses it: JSON in and out, HTTP basic or a bearer token, problem
 * details turned into errors with DESIGN.md's exit codes (401/403 refused, 404 not found, 409 conflict, no answer
 * unreachable).
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    private ApiClient(String base, String authorization) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = authorization;
    }

    public static ApiClient basic(String base, String user, String password) {
        return new ApiClient(base, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    public static ApiClient bearer(String base, String token) {
        return new ApiClient(base, "Bearer " + token);
    }

    public String base() {
        return base;
    }

    public JsonNode get(String path) {
        try {
            return JSON.readTree(text(path));
        } catch (IOException e) {
            throw new FerryException(ExitCodes.NOT_OK, "the API's answer to " + path + " does not read as JSON");
        }
    }

    public String text(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), path);
    }

    public JsonNode post(String path, Object body) {
        try {
            String json = body == null ? "" : JSON.writeValueAsString(body);
            return JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), path));
        } catch (IOException e) {
            throw new FerryException(ExitCodes.NOT_OK, "the API's answer to " + path + " does not read as JSON");
        }
    }

    /** A long-lived GET answered line by line (server-sent events); the caller closes the body. */
    java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).GET().header("Authorization", authorization)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
    }

    private String send(HttpRequest.Builder request, String path) {
        try {
            HttpResponse<String> r = http.send(request.header("Authorization", authorization)
                    .header("Accept", "application/json, text/markdown, */*").timeout(Duration.ofMinutes(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                String detail = r.body();
                try {
                    detail = JSON.readTree(r.body()).path("detail").asText(r.body());
                } catch (IOException e) {
                    // not a problem document: the body as it is
                }
                throw new FerryException(r.statusCode() == 401 || r.statusCode() == 403 ? ExitCodes.REFUSED
                        : r.statusCode() == 404 ? ExitCodes.NOT_FOUND : r.statusCode() == 409 ? ExitCodes.CONFLICT
                        : ExitCodes.NOT_OK, path + ": " + r.statusCode() + " " + detail);
            }
            return r.body();
        } catch (IOException e) {
            throw new FerryException(ExitCodes.UNREACHABLE, "the coordinator at " + base + " did not answer " + path
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ExitCodes.NOT_OK, "interrupted while calling " + path);
        }
    }
}
