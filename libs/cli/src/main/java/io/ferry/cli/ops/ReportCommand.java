package io.ferry.cli.ops;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.cli.api.ApiOptions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry report RUN [--format md|json|html]}: the run's report as the coordinator renders it, on stdout. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print a run's report (DESIGN.md's JSON shape, Markdown or HTML).")
public final class ReportCommand implements Callable<Integer> {

    private static final Map<String, String> PATHS = Map.of("md", "/report.md", "json", "/report", "html", "/report.html");

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id (mig-...).")
    String runId;

    @Option(names = "--format", defaultValue = "md", paramLabel = "md|json|html", description = "Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() {
        String path = PATHS.get(format);
        if (path == null) {
            throw new FerryException(ExitCodes.USAGE, "--format is md, json or html, not '" + format + "'");
        }
        System.out.println(api.client().text("/runs/" + runId + path).strip());
        return 0;
    }
}
