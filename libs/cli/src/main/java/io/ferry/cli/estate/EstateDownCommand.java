package io.ferry.cli.estate;

import io.ferry.cli.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop what 'estate up' started in DIR (also after its process was killed) and delete its data and temporary directories.")
public final class EstateDownCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Estate directory (default: .ferry/estate).")
    Path dir = EstateLayout.DEFAULT_DIR;

    @Override
    public Integer call() {
        EstateStopper.Outcome outcome = new EstateStopper(new EstateLayout(dir)).stop();
        System.err.println("estate: " + outcome.describe());
        return outcome.openPorts().isEmpty() && outcome.livePids().isEmpty() ? ExitCodes.OK : ExitCodes.NOT_OK;
    }
}
