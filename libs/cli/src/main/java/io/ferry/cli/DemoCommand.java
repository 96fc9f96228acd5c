package io.ferry.cli;

import io.ferry.cli.demo.Demo;
import io.ferry.cli.demo.DemoStop;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry demo}: the README's main command. Brings up the embedded estate, prepares CERT, starts the five
 * services from their packaged applications, migrates the top-ranked district through the coordinator's API and
 * ends with the report (see {@link Demo}). {@code ferry demo stop} stops what a {@code --keep} demo left running.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, subcommands = DemoStop.class,
        description = "Migrate a district end to end on this machine: the embedded estate (PROD and CERT on real servers, Kafka),"
                + " CERT prepared, the five services started as processes, the top-ranked district migrated through the"
                + " REST API with live progress, the services' logs scanned for honeytokens, and the report. Exit 0 when the"
                + " run SUCCEEDED and no honeytoken reached a log.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Demo directory (default: .ferry): DIR/estate, DIR/logs, DIR/demo.properties.")
    Path dir = Path.of(".ferry");

    @Option(names = "--preset", defaultValue = "medium", paramLabel = "small|medium|large",
            description = "Estate size (default: ${DEFAULT-VALUE}).")
    String preset = "medium";

    @Option(names = "--keep", description = "Leave the estate and the services running after the run, printing the API's address.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("ferry.home", "."));
        return new Demo(dir.toAbsolutePath().normalize(), home.toAbsolutePath().normalize(), preset, keep, System.out)
                .run();
    }
}
