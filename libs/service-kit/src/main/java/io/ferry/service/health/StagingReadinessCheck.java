package io.ferry.service.health;

import io.ferry.service.config.ServiceConfig;
import io.ferry.service.config.StagingKind;
import io.ferry.service.staging.StagingProbe;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Readiness "staging". On the filesystem: {@link StagingProbe} of the service's staging root, which the check names
 * in its data. On S3: a listing of a prefix no object lives under, which fails when the bucket is missing or the
 * credentials are refused; the check names the bucket. Each service subclasses it as an
 * {@code @Readiness @ApplicationScoped} bean that hands over its staging configuration and its {@link Staging}.
 */
public abstract class StagingReadinessCheck implements HealthCheck {

    /** Staging keys cannot start with '.', and no layout key starts so: nothing is ever listed here. */
    private static final String PROBE_PREFIX = "ferry-readiness-probe";

    /** The service's staging configuration. */
    protected abstract ServiceConfig.StagingGroup config();

    /** The service's staging. */
    protected abstract Staging staging();

    @Override
    public HealthCheckResponse call() {
        ServiceConfig.StagingGroup config = config();
        if (config.kind() == StagingKind.S3) {
            var response = HealthCheckResponse.named("staging").withData("bucket", config.s3().bucket().orElse(""));
            try {
                staging().list(PROBE_PREFIX);
                return response.up().build();
            } catch (StagingException e) {
                return response.down().withData("problem", e.getMessage()).build();
            }
        }
        Path root = config.root().toAbsolutePath().normalize();
        var response = HealthCheckResponse.named("staging").withData("root", root.toString());
        Optional<String> problem = StagingProbe.problem(root);
        return problem.isEmpty() ? response.up().build() : response.down().withData("problem", problem.get()).build();
    }
}
