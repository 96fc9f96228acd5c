package io.ferry.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.cli.api.ApiOptions;
import io.ferry.cli.api.RunWatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry watch RUN}: follows a run to its end, a line per change; exit 0 when it SUCCEEDED. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow a run until it ends (or blocks), printing a line whenever its status, step or counts change."
                + " Exit 0 when it SUCCEEDED, 1 otherwise.")
public final class WatchCommand implements Callable<Integer> {

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id (mig-...).")
    String runId;

    @Override
    public Integer call() throws InterruptedException {
        JsonNode ended = new RunWatch(api.client(), System.out, false).follow(runId, 0);
        System.out.println(RunTable.statusLine(ended));
        return ended.path("status").asText().equals("SUCCEEDED") ? 0 : 1;
    }
}
