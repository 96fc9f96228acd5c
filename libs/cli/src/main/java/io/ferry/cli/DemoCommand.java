package io.ferry.cli;

import io.ferry.cli.estate.EstateArgs;
import io.ferry.cli.estate.EstateLauncher;
import io.ferry.cli.estate.EstateLayout;
import io.ferry.cli.estate.EstateTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry demo}: the README's main command. The migration pipeline is not built yet, so for now
 * it brings the embedded estate up in DIR/estate and shows what it holds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Bring up the embedded estate (PROD and CERT on real servers) and show what it holds. The full migration arrives with the pipeline services.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Demo directory (default: .ferry); the estate lives in DIR/estate.")
    Path dir = Path.of(".ferry");

    @Option(names = "--preset", defaultValue = "medium", paramLabel = "small|medium|large",
            description = "Estate size (default: ${DEFAULT-VALUE}).")
    String preset = "medium";

    @Override
    public Integer call() {
        EstateLayout layout = new EstateLayout(dir.resolve("estate"));
        EstateArgs args = new EstateArgs();
        args.preset = preset;
        if (!new EstateLauncher(layout).ensureUp(args)) {
            System.err.println("demo: estate already up in " + layout.dir());
        }
        EstateTable.print(layout, System.out);
        System.out.println();
        System.out.println("PROD and CERT are running. Connection settings: " + layout.properties());
        System.out.println("Generated spec: " + layout.spec() + "; planted problems: "
                + layout.dir().resolve("planted.json") + "; honeytokens: " + layout.dir().resolve("honeytokens.json"));
        System.out.println("Try: ./ferry districts --spec " + layout.spec());
        System.out.println("     ./ferry plan --spec " + layout.spec() + " --district district-001");
        System.out.println("Stop everything with: ./ferry estate down --dir " + layout.dir());
        return ExitCodes.OK;
    }
}
