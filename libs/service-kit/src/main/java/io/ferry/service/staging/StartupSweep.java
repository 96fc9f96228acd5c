package io.ferry.service.staging;

import io.ferry.staging.RawBatchSweeper;
import io.ferry.staging.Staging;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes raw batches a crash left behind, as every service does at start (DESIGN.md, Anonymization),
 * older than {@code rawAge} so that batches another replica is still anonymizing stay. Logs counts
 * only, and never fails the start: a broken staging is for readiness to report.
 */
public final class StartupSweep {

    private static final Logger LOG = Logger.getLogger(StartupSweep.class);

    private StartupSweep() {
    }

    public static void run(Staging staging, Clock clock, Duration rawAge) {
        try {
            RawBatchSweeper.Sweep sweep = new RawBatchSweeper(staging, clock).sweep(rawAge);
            LOG.infof("raw batch sweep at start: removed %d raw object(s) older than %s", sweep.count(), rawAge);
        } catch (RuntimeException e) {
            // Staging messages name keys and causes, never contents.
            LOG.errorf("raw batch sweep at start failed, raw objects may remain: %s", e.getMessage());
        }
    }
}
