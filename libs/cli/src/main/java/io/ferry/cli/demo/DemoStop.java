package io.ferry.cli.demo;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.estate.EstateLayout;
import io.ferry.cli.estate.EstateStopper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry demo stop}: stops the services and the estate a {@code ferry demo --keep} left running. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the services and the estate that 'ferry demo --keep' left running in DIR.")
public final class DemoStop implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Demo directory (default: .ferry).")
    Path dir = Path.of(".ferry");

    @Override
    public Integer call() {
        Path abs = dir.toAbsolutePath().normalize();
        int services = ServiceProcesses.stopRecorded(abs);
        EstateStopper.Outcome estate = new EstateStopper(new EstateLayout(abs.resolve("estate"))).stop();
        System.err.println("demo: stopped " + services + " service(s); estate: " + estate.describe());
        return estate.openPorts().isEmpty() && estate.livePids().isEmpty() ? ExitCodes.OK : ExitCodes.NOT_OK;
    }
}
