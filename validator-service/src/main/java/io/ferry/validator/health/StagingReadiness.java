package io.ferry.validator.health;

import io.ferry.service.config.ServiceConfig;
import io.ferry.service.health.StagingReadinessCheck;
import io.ferry.staging.Staging;
import io.ferry.validator.config.ValidatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "staging" ({@link StagingReadinessCheck}) of {@code ferry.validator.staging.*} */
@Readiness
@ApplicationScoped
public class StagingReadiness extends StagingReadinessCheck {

    private final ValidatorConfig config;
    private final Staging staging;

    public StagingReadiness(ValidatorConfig config, Staging staging) {
        this.config = config;
        this.staging = staging;
    }

    @Override
    protected ServiceConfig.StagingGroup config() {
        return config.staging();
    }

    @Override
    protected Staging staging() {
        return staging;
    }
}
