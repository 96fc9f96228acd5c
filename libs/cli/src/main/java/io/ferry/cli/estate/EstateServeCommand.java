package io.ferry.cli.estate;

import io.ferry.estate.EstateOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The background process that {@code estate up} starts; not meant to be run by hand. */
@Command(name = "serve", hidden = true, description = "Host the estate's servers in this process (used by 'estate up').")
public final class EstateServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(EstateServeCommand.class.getName());

    @Option(names = "--dir", required = true)
    Path dir;

    @Mixin
    EstateArgs args;

    @Override
    public Integer call() throws InterruptedException {
        EstateHost host = new EstateHost(new EstateLayout(dir));
        Runtime.getRuntime().addShutdownHook(new Thread(host::close, "estate-shutdown"));
        try {
            host.start(new EstateOptions(args.presetValue(), args.seed, args.asOf, EstateHost.randomCredentials()),
                    args.prodStandby());
        } catch (RuntimeException e) {
            LOG.severe("estate failed to start: " + e);
            host.close();
            throw e;
        }
        host.awaitShutdown();
        return 0;
    }
}
