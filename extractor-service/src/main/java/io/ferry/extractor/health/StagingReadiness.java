package io.ferry.extractor.health;

import io.ferry.extractor.config.ExtractorConfig;
import io.ferry.service.health.StagingReadinessCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "staging" ({@link StagingReadinessCheck}) of {@code ferry.extractor.staging.root}. */
@Readiness
@ApplicationScoped
public class StagingReadiness extends StagingReadinessCheck {

    private final ExtractorConfig config;

    public StagingReadiness(ExtractorConfig config) {
        this.config = config;
    }

    @Override
    protected Path root() {
        return config.staging().root();
    }
}
