package io.ferry.loader.health;

import io.ferry.loader.config.LoaderConfig;
import io.ferry.service.staging.StagingProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "staging": {@link StagingProbe} of {@code ferry.loader.staging.root}. */
@Readiness
@ApplicationScoped
public class StagingReadiness implements HealthCheck {

    private final LoaderConfig config;

    public StagingReadiness(LoaderConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Path root = config.staging().root().toAbsolutePath().normalize();
        var response = HealthCheckResponse.named("staging").withData("root", root.toString());
        Optional<String> problem = StagingProbe.problem(root);
        return problem.isEmpty() ? response.up().build() : response.down().withData("problem", problem.get()).build();
    }
}
