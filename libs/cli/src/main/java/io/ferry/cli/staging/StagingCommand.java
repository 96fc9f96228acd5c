package io.ferry.cli.staging;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code ferry staging gc}: housekeeping of the staging area that phases hand files through. */
@Command(name = "staging", mixinStandardHelpOptions = true,
        description = "Housekeeping of the staging area (see docs/staging.md).",
        subcommands = {HelpCommand.class, StagingGcCommand.class})
public final class StagingCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: gc");
    }
}
