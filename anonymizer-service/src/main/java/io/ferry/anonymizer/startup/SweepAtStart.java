package io.ferry.anonymizer.startup;

import io.ferry.anonymizer.config.AnonymizerConfig;
import io.ferry.anonymizer.config.AnonymizerProducers;
import io.ferry.service.staging.StartupSweep;
import io.ferry.staging.Staging;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * At start: the {@link StartupSweep} of raw batches older than {@code ferry.anonymizer.staging.raw-age}, and
 * the removal of the local copies a crash left in the anonymizer's temp folder (raw copies are encrypted,
 * but nothing of a finished batch should outlive it).
 */
@ApplicationScoped
public class SweepAtStart {

    private static final Logger LOG = Logger.getLogger(SweepAtStart.class);

    private final Staging staging;
    private final AnonymizerConfig config;
    private final Clock clock;

    public SweepAtStart(Staging staging, AnonymizerConfig config, Clock clock) {
        this.staging = staging;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        StartupSweep.run(staging, clock, config.staging().rawAge());
        Path temp = AnonymizerProducers.TEMP_DIR;
        if (!Files.isDirectory(temp)) {
            return;
        }
        try (Stream<Path> files = Files.walk(temp)) {
            long removed = files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(temp))
                    .filter(SweepAtStart::delete).count();
            LOG.infof("removed %d leftover local file(s) from %s", removed, temp);
        } catch (IOException e) {
            LOG.warnf("cannot clear %s (%s)", temp, e.getClass().getSimpleName());
        }
    }

    private static boolean delete(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }
}
