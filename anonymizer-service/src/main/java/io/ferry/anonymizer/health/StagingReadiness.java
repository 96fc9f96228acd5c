package io.ferry.anonymizer.health;

import io.ferry.anonymizer.config.AnonymizerConfig;
import io.ferry.service.health.StagingReadinessCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "staging" ({@link StagingReadinessCheck}) of {@code ferry.anonymizer.staging.root}. */
@Readiness
@ApplicationScoped
public class StagingReadiness extends StagingReadinessCheck {

    private final AnonymizerConfig config;

    public StagingReadiness(AnonymizerConfig config) {
        this.config = config;
    }

    @Override
    protected Path root() {
        return config.staging().root();
    }
}
