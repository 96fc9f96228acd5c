package io.ferry.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.cli.api.ApiClient;
import io.ferry.cli.api.RunWatch;
import java.io.PrintStream;
import java.util.Map;

/**
 * A dry run of the measured district itself, before it, so that the bench times services in their steady state, as
 * a deployment's are after many runs: their JIT compilers have then compiled the code real data takes (the closure
 * engine, PROD's drivers), at the scale the measured run takes it, which neither their own made-up warm-ups nor a
 * smaller district reach (on the large estate the next district is a sixth of district-001, and after a dry run of it
 * the extractor still spent 11-14 CPU-s of the measured run compiling). A dry run stops before CERT, so CERT holds
 * only what the measured run loads.
 */
final class WarmUpRun {

    private final ApiClient api;
    private final PrintStream out;

    WarmUpRun(ApiClient api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    /** @return the district it ran: the measured one */
    String run(String measured) throws InterruptedException {
        String runId = api.post("/runs", Map.of("district", measured, "dryRun", true)).path("runId").asText();
        out.println("bench: warm-up, a dry run of " + measured + " (" + runId + "), not measured");
        JsonNode ended = new RunWatch(api, out, false).follow(runId, 0);
        if (!ended.path("status").asText().equals("SUCCEEDED")) {
            throw new FerryException(ExitCodes.NOT_OK, "the warm-up run " + runId + " of " + measured + " ended "
                    + ended.path("status").asText() + ": see 'ferry report " + runId + "', or bench with --cold");
        }
        return measured;
    }
}
