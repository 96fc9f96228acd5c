package io.ferry.cli.ops;

import picocli.CommandLine.Command;

/** {@code ferry approve RUN}: lets a run waiting at a gate go on (role approver). */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve the gate a run waits at (AWAITING_APPROVAL); needs the approver role.")
public final class ApproveCommand extends RunActionCommand {

    @Override
    String action() {
        return "approve";
    }
}
