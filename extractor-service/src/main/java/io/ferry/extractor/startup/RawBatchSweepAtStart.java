package io.ferry.extractor.startup;

import io.ferry.extractor.config.ExtractorConfig;
import io.ferry.staging.RawBatchSweeper;
import io.ferry.staging.Staging;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Deletes raw batches a crash left behind (DESIGN.md, Anonymization: raw batches are swept at service
 * start), older than {@code ferry.extractor.staging.raw-age} so that batches another replica is still
 * anonymizing stay. Logs counts only.
 */
@ApplicationScoped
public class RawBatchSweepAtStart {

    private static final Logger LOG = Logger.getLogger(RawBatchSweepAtStart.class);

    private final Staging staging;
    private final ExtractorConfig config;
    private final Clock clock;

    public RawBatchSweepAtStart(Staging staging, ExtractorConfig config, Clock clock) {
        this.staging = staging;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            RawBatchSweeper.Sweep sweep = new RawBatchSweeper(staging, clock).sweep(config.staging().rawAge());
            LOG.infof("raw batch sweep at start: removed %d raw object(s) older than %s", sweep.count(),
                    config.staging().rawAge());
        } catch (RuntimeException e) {
            // Staging messages name keys and causes, never contents. Readiness reports a broken staging.
            LOG.errorf("raw batch sweep at start failed, raw objects may remain: %s", e.getMessage());
        }
    }
}
