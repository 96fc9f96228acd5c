package io.ferry.anonymizer.health;

import io.ferry.anonymizer.config.AnonymizerConfig;
import io.ferry.service.config.ServiceConfig;
import io.ferry.service.health.StagingReadinessCheck;
import io.ferry.staging.Staging;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "staging" ({@link StagingReadinessCheck}) of {@code ferry.anonymizer.staging.*} */
@Readiness
@ApplicationScoped
public class StagingReadiness extends StagingReadinessCheck {

    private final AnonymizerConfig config;
    private final Staging staging;

    public StagingReadiness(AnonymizerConfig config, Staging staging) {
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
