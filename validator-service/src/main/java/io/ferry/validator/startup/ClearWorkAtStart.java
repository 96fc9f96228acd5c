package io.ferry.validator.startup;

import io.ferry.validator.config.ValidatorConfig;
import io.ferry.validator.config.ValidatorProducers;
import io.ferry.service.run.WorkFolders;
import io.ferry.validator.verify.VerifyJob;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * At start: removes the per-validation folders a crash left in {@code ferry.validator.work-dir} (copies of
 * anonymized batches, DuckDB spill files). No raw sweep: the validator never reads or writes raw batches.
 */
@ApplicationScoped
public class ClearWorkAtStart {

    private static final Logger LOG = Logger.getLogger(ClearWorkAtStart.class);

    private final ValidatorConfig config;

    public ClearWorkAtStart(ValidatorConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Path root = ValidatorProducers.workDir(config);
        try {
            int removed = WorkFolders.deleteLeftovers(root).size()
                    + WorkFolders.deleteLeftovers(root.resolve(VerifyJob.WORK_FOLDER)).size();
            LOG.infof("removed %d leftover validation and verify folder(s) from %s", removed, root);
        } catch (UncheckedIOException e) {
            LOG.warnf("cannot clear %s (%s)", root, e.getCause().getClass().getSimpleName());
        }
    }
}
