package io.ferry.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.cli.api.ApiClient;
import io.ferry.cli.api.ApiOptions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry status [RUN|BATCH]}: the newest runs as a table, one run, or one batch's districts; {@code --format
 * json} prints the API's JSON as it is.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the newest runs (district, status, step, stores extracted/loaded, batches, start, what each"
                + " waits for), one run, or one batch.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN|BATCH", description = "A run id (mig-...) or a batch id.")
    String id;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        if (!List.of("text", "json").contains(format)) {
            throw new FerryException(ExitCodes.USAGE, "--format is text or json, not '" + format + "'");
        }
        ApiClient client = api.client();
        boolean run = id == null || id.startsWith("mig-");
        JsonNode answer = client.get(id == null ? "/runs" : (run ? "/runs/" : "/batches/") + id);
        if (format.equals("json")) {
            System.out.println(answer.toPrettyString());
        } else if (id == null) {
            RunTable.lines(answer).forEach(System.out::println);
        } else if (run) {
            RunTable.lines(List.of(answer)).forEach(System.out::println);
        } else {
            System.out.println("batch " + answer.path("batchId").asText() + " requested by "
                    + answer.path("requestedBy").asText() + " at " + answer.path("createdAt").asText());
            for (String state : List.of("pending", "running", "completed", "failed")) {
                for (JsonNode e : answer.path(state)) {
                    String reason = e.path("reason").isNull() ? "" : " " + e.path("reason").asText("");
                    System.out.println(String.format(Locale.ROOT, "%-14s %-10s %-24s %s%s",
                            e.path("district").asText(), state, e.path("runId").asText("-"),
                            e.path("status").asText(""), reason).stripTrailing());
                }
            }
        }
        return 0;
    }
}
