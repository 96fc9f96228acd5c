package io.ferry.loader.startup;

import io.ferry.loader.config.LoaderConfig;
import io.ferry.loader.config.LoaderProducers;
import io.ferry.service.run.WorkFolders;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * At start: removes the per-load folders a crash left in {@code ferry.loader.work-dir} (copies of anonymized
 * batches). No raw sweep: the loader never reads or writes raw batches.
 */
@ApplicationScoped
public class ClearWorkAtStart {

    private static final Logger LOG = Logger.getLogger(ClearWorkAtStart.class);

    private final LoaderConfig config;

    public ClearWorkAtStart(LoaderConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Path root = LoaderProducers.workDir(config);
        try {
            int removed = WorkFolders.deleteLeftovers(root).size();
            LOG.infof("removed %d leftover load folder(s) from %s", removed, root);
        } catch (UncheckedIOException e) {
            LOG.warnf("cannot clear %s (%s)", root, e.getCause().getClass().getSimpleName());
        }
    }
}
