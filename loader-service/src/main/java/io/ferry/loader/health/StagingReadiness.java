package io.ferry.loader.health;

import io.ferry.loader.config.LoaderConfig;
import io.ferry.service.health.StagingReadinessCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "staging" ({@link StagingReadinessCheck}) of {@code ferry.loader.staging.root}. */
@Readiness
@ApplicationScoped
public class StagingReadiness extends StagingReadinessCheck {

    private final LoaderConfig config;

    public StagingReadiness(LoaderConfig config) {
        this.config = config;
    }

    @Override
    protected Path root() {
        return config.staging().root();
    }
}
