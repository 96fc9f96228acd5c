package io.ferry.loader.health;

import io.ferry.loader.config.LoaderConfig;
import io.ferry.service.config.ServiceConfig;
import io.ferry.service.health.StagingReadinessCheck;
import io.ferry.staging.Staging;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "staging" ({@link StagingReadinessCheck}) of {@code ferry.loader.staging.*} */
@Readiness
@ApplicationScoped
public class StagingReadiness extends StagingReadinessCheck {

    private final LoaderConfig config;
    private final Staging staging;

    public StagingReadiness(LoaderConfig config, Staging staging) {
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
