package io.ferry.validator.health;

import io.ferry.validator.config.ValidatorConfig;
import io.ferry.service.health.StagingReadinessCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "staging" ({@link StagingReadinessCheck}) of {@code ferry.validator.staging.root}. */
@Readiness
@ApplicationScoped
public class StagingReadiness extends StagingReadinessCheck {

    private final ValidatorConfig config;

    public StagingReadiness(ValidatorConfig config) {
        this.config = config;
    }

    @Override
    protected Path root() {
        return config.staging().root();
    }
}
