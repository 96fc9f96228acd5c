package io.ferry.cli.estate;

import io.ferry.estate.Preset;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/** Options shared by {@code estate up}, {@code demo} and the background host. */
public final class EstateArgs {

    /** Fixed default: the estate must not depend on the clock. */
    public static final String DEFAULT_AS_OF = "2026-09-01T00:00:00Z";

    @Option(names = "--preset", defaultValue = "small", paramLabel = "small|medium|large",
            description = "Estate size (default: ${DEFAULT-VALUE}).")
    public String preset = "small";

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed and as-of give identical data (default: ${DEFAULT-VALUE}).")
    public long seed = 42;

    @Option(names = "--as-of", defaultValue = DEFAULT_AS_OF, paramLabel = "TIME",
            description = "The estate's 'now', ISO-8601 (default: ${DEFAULT-VALUE}).")
    public Instant asOf = Instant.parse(DEFAULT_AS_OF);

    @Option(names = "--prod-mode", defaultValue = "standby", paramLabel = "standby|primary",
            description = "Run PROD PostgreSQL as a read-only hot standby (default) or as a primary.")
    public String prodMode = "standby";

    public Preset presetValue() {
        try {
            return Preset.parse(preset);
        } catch (IllegalArgumentException e) {
            throw new io.ferry.cli.FerryException(io.ferry.cli.ExitCodes.USAGE, "--preset: " + e.getMessage());
        }
    }

    public boolean prodStandby() {
        return switch (prodMode) {
            case "standby" -> true;
            case "primary" -> false;
            default -> throw new io.ferry.cli.FerryException(io.ferry.cli.ExitCodes.USAGE,
                    "--prod-mode must be 'standby' or 'primary', not '" + prodMode + "'");
        };
    }

    /** The arguments that reproduce these options on the host's command line. */
    public java.util.List<String> toArgs(Path dir) {
        return java.util.List.of("--dir", dir.toString(), "--preset", preset, "--seed", Long.toString(seed),
                "--as-of", asOf.toString(), "--prod-mode", prodMode);
    }
}
