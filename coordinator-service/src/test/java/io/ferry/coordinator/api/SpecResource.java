package io.ferry.coordinator.api;

import io.ferry.estate.SampleEstate;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The sample estate's spec in a fresh folder, a fresh staging root, and run metrics counted every second. */
public class SpecResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "coordinator-spec-");
            Path spec = dir.resolve("ferry.yaml");
            Files.writeString(spec, SampleEstate.ferryYaml());
            Path staging = Files.createDirectories(dir.resolve("staging"));
            return Map.of("ferry.coordinator.spec-file", spec.toString(), "ferry.coordinator.staging.root",
                    staging.toString(), "ferry.coordinator.metrics.interval", "1s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The folder stays under target/ for a look after a failure; mvn clean removes it.
    }
}
