package io.ferry.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.cli.api.ApiClient;
import io.ferry.cli.api.ApiOptions;
import io.ferry.cli.api.RunWatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry run DISTRICT...}: one run ({@code POST /runs}) or a batch of runs ({@code POST /batches}). Line 1 of
 * stdout is the run id, or for several districts the batch id followed by {@code DISTRICT RUN_ID} lines. With
 * {@code --wait} progress goes to stderr and the exit code says whether every run {@code SUCCEEDED}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a run for one district, or a batch for several. Prints the run id (or the batch id, then one"
                + " 'DISTRICT RUN_ID' line per district). With --wait: follows the runs and exits 0 only if all SUCCEEDED.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ApiOptions api;

    @Parameters(arity = "1..*", paramLabel = "DISTRICT", description = "The value of the spec's tenant key, e.g. district-001.")
    List<String> districts;

    @Option(names = "--dry-run", description = "Everything but the load: CERT is not touched.")
    boolean dryRun;

    @Option(names = "--skip-load", description = "Stop after validation (the batches are kept for --reuse-extraction).")
    boolean skipLoad;

    @Option(names = "--refresh", description = "Replace the district's earlier run in CERT, store by store.")
    boolean refresh;

    @Option(names = "--reuse-extraction", description = "Start at the leak check with the anonymized batches an earlier"
            + " run of the district kept under the same spec.")
    boolean reuseExtraction;

    @Option(names = "--approve-before-load", description = "Add an approval gate before loading (the spec's gates always hold).")
    boolean approveBeforeLoad;

    @Option(names = "--wait", description = "Follow the run(s) to the end; exit 0 only if all SUCCEEDED.")
    boolean await;

    @Override
    public Integer call() throws InterruptedException {
        // the coordinator starts a district once per batch: so does the count of runs to wait for
        districts = List.copyOf(new java.util.LinkedHashSet<>(districts));
        ApiClient client = api.client();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("dryRun", dryRun);
        options.put("skipLoad", skipLoad);
        options.put("refresh", refresh);
        options.put("reuseExtraction", reuseExtraction);
        options.put("approveBeforeLoad", approveBeforeLoad);
        List<String> runIds = new ArrayList<>();
        if (districts.size() == 1) {
            Map<String, Object> body = new LinkedHashMap<>(options);
            body.put("district", districts.get(0));
            String runId = client.post("/runs", body).path("runId").asText();
            System.out.println(runId);
            runIds.add(runId);
        } else {
            JsonNode batch = client.post("/batches", Map.of("districts", districts, "options", options));
            System.out.println(batch.path("batchId").asText());
            for (String field : List.of("pending", "running", "completed", "failed")) {
                for (JsonNode e : batch.path(field)) {
                    String runId = e.path("runId").asText("-");
                    System.out.println(e.path("district").asText() + " " + runId);
                    if (!runId.equals("-")) {
                        runIds.add(runId);
                    }
                }
            }
            if (runIds.size() < districts.size()) {
                System.err.println("ferry: " + (districts.size() - runIds.size()) + " district(s) have no run yet or"
                        + " could not start: ferry status " + batch.path("batchId").asText());
            }
        }
        if (!await) {
            return 0;
        }
        boolean allSucceeded = runIds.size() == districts.size();
        RunWatch watch = new RunWatch(client, System.err, false);
        for (String runId : runIds) {
            JsonNode ended = watch.follow(runId, 0);
            System.err.println(RunTable.statusLine(ended));
            allSucceeded &= ended.path("status").asText().equals("SUCCEEDED");
        }
        return allSucceeded ? 0 : 1;
    }
}
