package io.ferry.extractor.health;

import io.ferry.extractor.config.ExtractorConfig;
import io.ferry.service.config.ServiceConfig;
import io.ferry.service.health.StagingReadinessCheck;
import io.ferry.staging.Staging;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "staging" ({@link StagingReadinessCheck}) of {@code ferry.extractor.staging.*} */
@Readiness
@ApplicationScoped
public class StagingReadiness extends StagingReadinessCheck {

    private final ExtractorConfig config;
    private final Staging staging;

    public StagingReadiness(ExtractorConfig config, Staging staging) {
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
