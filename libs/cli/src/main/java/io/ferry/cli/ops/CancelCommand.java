package io.ferry.cli.ops;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry cancel RUN}: stops a run; what it loaded already is compensated. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel a run: before loading it ends CANCELLED; once it has written into CERT, it is compensated.")
public final class CancelCommand extends RunActionCommand {

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail.")
    String reason;

    @Override
    String action() {
        return reason == null ? "cancel" : "cancel?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
    }
}
