package io.ferry.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.cli.api.ApiClient;
import io.ferry.cli.api.RunWatch;
import java.io.PrintStream;
import java.util.Map;

/**
 * A dry run of the highest-ranked district other than the measured one, before it, so that the bench times
 * services that have migrated a district before, as a deployment's services have after their first run: their JIT
 * compilers have then compiled the code real data takes (the closure engine, PROD's drivers), which their own
 * made-up warm-ups cannot reach. A dry run stops before CERT, so CERT holds only what the measured run loads.
 */
final class WarmUpRun {

    private final ApiClient api;
    private final PrintStream out;

    WarmUpRun(ApiClient api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    /** @return the district it ran, or null when PROD holds a single district (then nothing runs) */
    String run(String measured) throws InterruptedException {
        String district = null;
        for (JsonNode d : api.get("/districts").path("districts")) {
            if (!d.path("id").asText().equals(measured)) {
                district = d.path("id").asText();
                break;
            }
        }
        if (district == null) {
            return null;
        }
        String runId = api.post("/runs", Map.of("district", district, "dryRun", true)).path("runId").asText();
        out.println("bench: warm-up, a dry run of " + district + " (" + runId + "), not measured");
        JsonNode ended = new RunWatch(api, out, false).follow(runId, 0);
        if (!ended.path("status").asText().equals("SUCCEEDED")) {
            throw new FerryException(ExitCodes.NOT_OK, "the warm-up run " + runId + " of " + district + " ended "
                    + ended.path("status").asText() + ": see 'ferry report " + runId + "', or bench with --cold");
        }
        return district;
    }
}
