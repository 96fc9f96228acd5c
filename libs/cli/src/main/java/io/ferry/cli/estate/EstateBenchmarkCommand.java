package io.ferry.cli.estate;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.estate.EstateBenchmark;
import io.ferry.estate.EstateOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry estate benchmark}: how long generating an estate takes (target for large: under 3 minutes). */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Generate an estate on fresh temporary servers RUNS times and print each time, the rows per store, the top district's footprint and the median. Server start and stop are not timed.")
public final class EstateBenchmarkCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "large", paramLabel = "small|medium|large",
            description = "Estate size (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--runs", defaultValue = "3", description = "How many generations; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--as-of", defaultValue = EstateArgs.DEFAULT_AS_OF, paramLabel = "TIME")
    java.time.Instant asOf;

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new FerryException(ExitCodes.USAGE, "--runs must be 1 or more, not " + runs);
        }
        EstateArgs args = new EstateArgs();
        args.preset = preset;
        EstateBenchmark.median(new EstateOptions(args.presetValue(), seed, asOf, null), runs);
        return ExitCodes.OK;
    }
}
