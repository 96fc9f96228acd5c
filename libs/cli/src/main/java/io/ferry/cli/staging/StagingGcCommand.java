package io.ferry.cli.staging;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.ObjectInfo;
import io.ferry.staging.RawBatchSweeper;
import io.ferry.staging.StagingGc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry staging gc}: the raw sweep every service runs at start, then removal of runs past
 * retention. Prints one line per run on stdout ({@code raw RUN N} for raw objects swept, {@code run
 * RUN N} for a run removed, N objects); the summary goes to stderr.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Delete raw (extracted) objects older than --raw-age, then every run whose newest object is older than --retention. Never touches reports/ or specs/.")
public final class StagingGcCommand implements Callable<Integer> {

    @Option(names = "--root", required = true, paramLabel = "DIR", description = "The staging root folder.")
    Path root;

    @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "7d", converter = DurationConverter.class,
            description = "Keep runs changed within this long (7d, 12h, 30m or ISO-8601 such as P7D; default ${DEFAULT-VALUE}).")
    Duration retention;

    @Option(names = "--raw-age", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "Delete raw batches older than this (default ${DEFAULT-VALUE}); younger ones may still be in use.")
    Duration rawAge;

    @Option(names = "--dry-run", description = "Print what would be removed; delete nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (!Files.isDirectory(root)) {
            throw new FerryException(ExitCodes.NOT_FOUND, "staging root " + root + " does not exist or is not a folder");
        }
        FileSystemStaging staging = new FileSystemStaging(root);
        Clock clock = Clock.systemUTC();
        RawBatchSweeper sweeper = new RawBatchSweeper(staging, clock);
        StagingGc gc = new StagingGc(staging, clock);

        List<String> raw = dryRun ? sweeper.due(rawAge).stream().map(ObjectInfo::key).toList()
                : sweeper.sweep(rawAge).keys();
        Map<String, Integer> rawPerRun = new TreeMap<>();
        raw.forEach(key -> rawPerRun.merge(key.substring(0, key.indexOf('/')), 1, Integer::sum));
        rawPerRun.forEach((run, count) -> System.out.printf("raw %s %d%n", run, count));

        List<StagingGc.ExpiredRun> runs = dryRun ? gc.expired(retention) : gc.collect(retention);
        runs.forEach(run -> System.out.printf("run %s %d%n", run.runId(), run.objects()));

        int runObjects = runs.stream().mapToInt(StagingGc.ExpiredRun::objects).sum();
        System.err.printf("ferry: %s %d raw object(s) older than %s and %d run(s) (%d objects) older than %s in %s%n",
                dryRun ? "would remove" : "removed", raw.size(), rawAge, runs.size(), runObjects, retention, root);
        return ExitCodes.OK;
    }
}
