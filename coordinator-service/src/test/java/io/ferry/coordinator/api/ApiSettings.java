package io.ferry.coordinator.api;

import io.ferry.estate.SampleEstate;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The coordinator's settings for API tests: the sample estate's spec in a fresh folder, a fresh staging root,
 * run metrics counted every second, catalog answers awaited 5 s, and one user per role ({@value #PASSWORD} for all): {@code viewer},
 * {@code operator}, {@code approver}, {@code demo} (all three roles) and {@code stranger} (no Ferry role).
 */
public class ApiSettings implements QuarkusTestResourceLifecycleManager {

    public static final String PASSWORD = "test-pass";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "coordinator-spec-");
            Path spec = dir.resolve("ferry.yaml");
            Files.writeString(spec, specYaml());
            Path staging = Files.createDirectories(dir.resolve("staging"));
            Map<String, String> config = new HashMap<>(Map.of("ferry.coordinator.spec-file", spec.toString(),
                    "ferry.coordinator.staging.root", staging.toString(), "ferry.coordinator.metrics.interval", "1s",
                    "ferry.coordinator.catalog.timeout", "5s"));
            Map.of("viewer", "viewer", "operator", "operator", "approver", "approver", "demo",
                    "viewer,operator,approver", "stranger", "guest").forEach((user, roles) -> {
                        config.put("quarkus.security.users.embedded.users." + user, PASSWORD);
                        config.put("quarkus.security.users.embedded.roles." + user, roles);
                    });
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec the coordinator is given. */
    protected String specYaml() {
        return SampleEstate.ferryYaml();
    }

    @Override
    public void stop() {
        // The folder stays under target/ for a look after a failure; mvn clean removes it.
    }
}
