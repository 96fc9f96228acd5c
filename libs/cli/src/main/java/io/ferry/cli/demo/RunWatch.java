package io.ferry.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * Follows a run through the API until it ends, printing a line whenever its status, step or counts change. A
 * run waiting at an approval gate is approved (the demo's user holds every role, and the demo says so); a
 * blocked run ends the watch, since only an operator can decide what to do.
 */
final class RunWatch {

    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "COMPENSATED",
            "COMPENSATION_FAILED", "BLOCKED");

    private final ApiClient api;
    private final PrintStream out;

    RunWatch(ApiClient api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    /** @return the run as it ended (or blocked) */
    JsonNode follow(String runId, int stores) throws InterruptedException {
        long start = System.nanoTime();
        String last = "";
        while (true) {
            JsonNode run = api.get("/runs/" + runId);
            String status = run.path("status").asText();
            String line = String.format(Locale.ROOT, "%-20s %-12s extracted %d/%d stores, %d batches anonymized, loaded %d/%d",
                    status, run.path("step").asText(), run.path("extractedStores").size(), stores,
                    run.path("anonymizedBatches").asInt(), run.path("loadedStores").size(), stores);
            if (!line.equals(last)) {
                out.printf(Locale.ROOT, "%7.1f s  %s%n", (System.nanoTime() - start) / 1e9, line);
                last = line;
            }
            if (status.equals("AWAITING_APPROVAL")) {
                out.println("           approving: " + run.path("waitingFor").asText() + " (ferry approve " + runId + ")");
                api.post("/runs/" + runId + "/approve", null);
                continue;
            }
            if (ENDED.contains(status)) {
                return run;
            }
            Thread.sleep(1000);
        }
    }
}
