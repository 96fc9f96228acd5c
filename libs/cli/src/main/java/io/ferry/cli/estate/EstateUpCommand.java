package io.ferry.cli.estate;

import io.ferry.cli.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a PROD and a CERT estate (plus Kafka and the coordinator's database) on free ports, generate the sample data and write estate.properties, ferry.yaml, planted.json and honeytokens.json into DIR. Returns once everything is ready; on a live DIR prints 'already up'.")
public final class EstateUpCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Estate directory (default: .ferry/estate).")
    Path dir = EstateLayout.DEFAULT_DIR;

    @Mixin
    EstateArgs args;

    @Override
    public Integer call() {
        EstateLayout layout = new EstateLayout(dir);
        if (!new EstateLauncher(layout).ensureUp(args)) {
            System.err.println("estate already up in " + layout.dir());
        }
        EstateTable.print(layout, System.out);
        System.err.println("estate: properties in " + layout.properties() + "; stop it with 'ferry estate down"
                + (dir.equals(EstateLayout.DEFAULT_DIR) ? "" : " --dir " + dir) + "'");
        return ExitCodes.OK;
    }
}
