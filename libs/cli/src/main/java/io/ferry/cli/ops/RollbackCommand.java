package io.ferry.cli.ops;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry rollback RUN [--force]}: takes a finished run's load back out of CERT. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Take a finished run back out of CERT (COMPENSATING, then COMPENSATED). Rows testers changed since"
                + " the load stop it in BLOCKED, listed in the audit; --force proceeds and keeps their before-images.")
public final class RollbackCommand extends RunActionCommand {

    @Option(names = "--force", description = "Roll back even over rows testers changed.")
    boolean force;

    @Override
    String action() {
        return force ? "rollback?force=true" : "rollback";
    }
}
