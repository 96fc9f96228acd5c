package io.ferry.extractor.startup;

import io.ferry.extractor.config.ExtractorConfig;
import io.ferry.service.staging.StartupSweep;
import io.ferry.staging.Staging;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/** Runs the {@link StartupSweep} of raw batches older than {@code ferry.extractor.staging.raw-age} at start. */
@ApplicationScoped
public class RawBatchSweepAtStart {

    private final Staging staging;
    private final ExtractorConfig config;
    private final Clock clock;

    public RawBatchSweepAtStart(Staging staging, ExtractorConfig config, Clock clock) {
        this.staging = staging;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        StartupSweep.run(staging, clock, config.staging().rawAge());
    }
}
