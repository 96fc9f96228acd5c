package io.ferry.cli.estate;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code ferry estate up|down}: the embedded PROD and CERT estate on this machine. */
@Command(name = "estate", mixinStandardHelpOptions = true,
        description = "Start or stop the embedded sample estate (PROD and CERT on real servers).",
        subcommands = {HelpCommand.class, EstateUpCommand.class, EstateDownCommand.class, EstateBenchmarkCommand.class,
                EstateServeCommand.class})
public final class EstateCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: up, down or benchmark");
    }
}
