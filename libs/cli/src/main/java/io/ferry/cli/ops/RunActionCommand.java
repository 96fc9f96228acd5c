package io.ferry.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.cli.api.ApiOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * An operator's action on one run ({@code approve}, {@code cancel}, {@code resume}, {@code rollback}): one POST to
 * {@code /runs/{id}/<action>}, then the run's status and reason on stdout. Refusals come back as the API's problem
 * detail with DESIGN.md's exit code (404 not found, 409 conflict, 401/403 refused).
 */
abstract class RunActionCommand implements Callable<Integer> {

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id (mig-...).")
    String runId;

    /** The action's path below the run, with its query. */
    abstract String action();

    @Override
    public Integer call() {
        JsonNode run = api.client().post("/runs/" + runId + "/" + action(), null);
        System.out.println(RunTable.statusLine(run));
        return 0;
    }
}
