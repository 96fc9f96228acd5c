package io.ferry.cli.ops;

import picocli.CommandLine.Command;

/** {@code ferry resume RUN}: a BLOCKED run (or one waiting for batches) goes on where it stopped. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume a BLOCKED run: staging is reconciled first, then the blocked commands are sent again.")
public final class ResumeCommand extends RunActionCommand {

    @Override
    String action() {
        return "resume";
    }
}
