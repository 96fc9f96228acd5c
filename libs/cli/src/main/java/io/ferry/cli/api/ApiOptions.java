package io.ferry.cli.api;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.spec.parse.EstateProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the coordinator's API is and who calls it (DESIGN.md, command line): {@code --api-config FILE} when given,
 * else {@code FERRY_API_URL} with {@code FERRY_TOKEN} or {@code FERRY_USER} and {@code FERRY_PASSWORD}, else
 * {@code ./.ferry/demo.properties} ({@code api.url}, {@code api.user}, {@code api.password}) as {@code ferry demo}
 * writes it.
 */
public final class ApiOptions {

    static final Path DEMO_PROPERTIES = Path.of(".ferry", "demo.properties");

    @Option(names = "--api-config", paramLabel = "FILE",
            description = "API address and credentials (api.url, api.user, api.password); default: FERRY_API_URL with"
                    + " FERRY_TOKEN or FERRY_USER and FERRY_PASSWORD, else .ferry/demo.properties.")
    Path config;

    /** The client these options name. */
    public ApiClient client() {
        return client(System.getenv());
    }

    ApiClient client(Map<String, String> env) {
        if (config != null) {
            return fromFile(config);
        }
        String url = env.get("FERRY_API_URL");
        if (url != null && !url.isBlank()) {
            String token = env.get("FERRY_TOKEN");
            if (token != null && !token.isBlank()) {
                return ApiClient.bearer(url, token);
            }
            String user = env.get("FERRY_USER");
            if (user == null || user.isBlank()) {
                throw new FerryException(ExitCodes.USAGE, "FERRY_API_URL is set but neither FERRY_TOKEN nor FERRY_USER"
                        + " (with FERRY_PASSWORD) is: set one of them");
            }
            return ApiClient.basic(url, user, env.getOrDefault("FERRY_PASSWORD", ""));
        }
        if (Files.isRegularFile(DEMO_PROPERTIES)) {
            return fromFile(DEMO_PROPERTIES);
        }
        throw new FerryException(ExitCodes.USAGE, "no API to call: set FERRY_API_URL (and FERRY_USER and FERRY_PASSWORD,"
                + " or FERRY_TOKEN), pass --api-config FILE, or start one with './ferry demo --keep'");
    }

    /**
     * The folder of the demo whose API these options call, when they call a demo's ({@code --api-config}'s folder, or
     * {@code .ferry} when neither it nor {@code FERRY_API_URL} is given): its {@code estate/} names the spec and
     * staging root when a command needs them.
     */
    public java.util.Optional<Path> demoDir() {
        return demoDir(System.getenv());
    }

    java.util.Optional<Path> demoDir(Map<String, String> env) {
        String url = env.get("FERRY_API_URL");
        Path file = config != null ? config : url == null || url.isBlank() ? DEMO_PROPERTIES : null;
        Path dir = file == null ? null : file.toAbsolutePath().getParent();
        return dir != null && Files.isRegularFile(file) ? java.util.Optional.of(dir) : java.util.Optional.empty();
    }

    private static ApiClient fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FerryException(ExitCodes.NOT_FOUND, file + " does not exist; './ferry demo --keep' writes"
                    + " .ferry/demo.properties");
        }
        EstateProperties p = EstateProperties.read(file);
        String url = p.get("api.url").orElseThrow(() -> new FerryException(ExitCodes.USAGE, file + " has no api.url"));
        return ApiClient.basic(url, p.get("api.user").orElse(""), p.get("api.password").orElse(""));
    }
}
