package io.ferry.cli;

import io.ferry.cli.estate.EstateCommand;
import java.io.PrintWriter;
import java.time.Instant;
import io.ferry.planning.prod.ProdAccessException;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The {@code ferry} command. Machine output goes to stdout, messages and logs to stderr. */
@Command(name = "ferry",
        mixinStandardHelpOptions = true,
        versionProvider = FerryVersion.class,
        description = "Copies one district's production data, anonymized and validated, into CERT.",
        subcommands = {HelpCommand.class, DemoCommand.class, io.ferry.cli.bench.BenchCommand.class, EstateCommand.class, io.ferry.cli.spec.CheckSpecCommand.class,
                io.ferry.cli.spec.AnalyzeCommand.class, io.ferry.cli.spec.PlanCommand.class,
                io.ferry.cli.spec.DistrictsCommand.class, io.ferry.cli.spec.ClassifyCommand.class,
                io.ferry.cli.spec.InitTargetCommand.class, io.ferry.cli.spec.InventoryCommand.class,
                io.ferry.cli.staging.StagingCommand.class, io.ferry.cli.ops.RunCommand.class,
                io.ferry.cli.ops.StatusCommand.class, io.ferry.cli.ops.WatchCommand.class, io.ferry.cli.ops.ReportCommand.class,
                io.ferry.cli.ops.ApproveCommand.class, io.ferry.cli.ops.CancelCommand.class,
                io.ferry.cli.ops.RollbackCommand.class, io.ferry.cli.ops.ResumeCommand.class,
                io.ferry.cli.ops.VerifyCommand.class, io.ferry.cli.doctor.DoctorCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 not OK, 2 usage, 3 unreachable, 4 refused, 5 not found, 6 conflict.",
                "Tests: './ferry test' runs the whole suite."})
public final class FerryCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command (see 'ferry help')");
    }

    public static void main(String[] args) {
        quietLibraries();
        System.exit(execute(args));
    }

    /** Libraries' INFO chatter (drivers, brokers) is noise on a terminal; Ferry's own INFO is not. */
    private static void quietLibraries() {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("io.ferry").setLevel(java.util.logging.Level.INFO);
    }

    /** Runs a command line and returns its exit code; used by main and by tests. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FerryCli());
        cli.registerConverter(Instant.class, FerryCli::instant);
        cli.setExecutionExceptionHandler(FerryCli::handle);
        cli.setErr(new PrintWriter(System.err, true));
        return cli;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + text + "' is not an ISO-8601 UTC time such as 2026-09-01T00:00:00Z");
        }
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof FerryException fe) {
            cli.getErr().println("ferry: " + fe.getMessage());
            return fe.exitCode();
        }
        if (e instanceof ProdAccessException pa) {
            cli.getErr().println("ferry: " + pa.getMessage());
            return switch (pa.reason()) {
                case UNREACHABLE -> ExitCodes.UNREACHABLE;
                case REFUSED -> ExitCodes.REFUSED;
                case USAGE -> ExitCodes.USAGE;
                case FAILED -> ExitCodes.NOT_OK;
            };
        }
        cli.getErr().println("ferry: internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        if (System.getenv("FERRY_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        } else {
            cli.getErr().println("ferry: set FERRY_DEBUG=1 to see the stack trace");
        }
        return ExitCodes.NOT_OK;
    }
}
