package io.ferry.service.health;

import io.ferry.service.staging.StagingProbe;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Readiness "staging": {@link StagingProbe} of the service's staging root, which the check names in its data.
 * Each service subclasses it as an {@code @Readiness @ApplicationScoped} bean that says where its root is.
 */
public abstract class StagingReadinessCheck implements HealthCheck {

    /** The service's configured staging root. */
    protected abstract Path root();

    @Override
    public HealthCheckResponse call() {
        Path root = root().toAbsolutePath().normalize();
        var response = HealthCheckResponse.named("staging").withData("root", root.toString());
        Optional<String> problem = StagingProbe.problem(root);
        return problem.isEmpty() ? response.up().build() : response.down().withData("problem", problem.get()).build();
    }
}
