package io.ferry.extractor.health;

import io.ferry.extractor.config.ExtractorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness "staging": the root exists, is a folder, and a file can be created and deleted in it. The
 * probe file's name starts with {@code .}, which staging never lists, so no reader ever sees it.
 */
@Readiness
@ApplicationScoped
public class StagingReadiness implements HealthCheck {

    static final String NAME = "staging";

    private final ExtractorConfig config;

    public StagingReadiness(ExtractorConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Path root = config.staging().root().toAbsolutePath().normalize();
        var response = HealthCheckResponse.named(NAME).withData("root", root.toString());
        if (!Files.isDirectory(root)) {
            return response.down()
                    .withData("problem", Files.exists(root) ? "not a folder" : "does not exist")
                    .build();
        }
        try {
            Path probe = Files.createTempFile(root, ".ferry-ready-", ".probe");
            Files.delete(probe);
            return response.up().build();
        } catch (IOException | SecurityException e) {
            return response.down().withData("problem", "not writable (" + e.getClass().getSimpleName() + ")").build();
        }
    }
}
