package io.ferry.coordinator.runs;

import io.ferry.coordinator.config.CoordinatorConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** The coordinator's clockwork: its own tasks (reports, raw batches), CERT's load slot handed on, stuck runs swept. */
@ApplicationScoped
public class RunSchedules {

    private static final Logger LOG = Logger.getLogger(RunSchedules.class);

    private final LoadSlot slot;
    private final Sweeper sweeper;
    private final RunTasks tasks;
    private final CoordinatorConfig config;

    public RunSchedules(LoadSlot slot, Sweeper sweeper, RunTasks tasks, CoordinatorConfig config) {
        this.slot = slot;
        this.sweeper = sweeper;
        this.tasks = tasks;
        this.config = config;
    }

    @Scheduled(every = "${ferry.coordinator.tasks.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runTasks() {
        try {
            while (tasks.runOnce(Instant.now()) > 0) {
                // more may be open: go on until a round does nothing
            }
        } catch (Exception e) {
            LOG.warnf("run tasks: %s; tried again next round", e.getClass().getName());
        }
    }

    @Scheduled(every = "${ferry.coordinator.load-slot.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void grantLoadSlot() {
        try {
            slot.grantNext(Instant.now()).ifPresent(run -> LOG.infof("run %s may load into CERT now", run));
        } catch (Exception e) {
            LOG.warnf("load slot: %s; tried again next round", e.getClass().getName());
        }
    }

    @Scheduled(every = "${ferry.coordinator.sweep.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            for (String run : sweeper.sweep(Instant.now(), config.sweep().timeout())) {
                LOG.warnf("run %s made no progress in %s: its outstanding commands were sent again", run,
                        config.sweep().timeout());
            }
        } catch (Exception e) {
            LOG.warnf("sweep: %s; tried again next round", e.getClass().getName());
        }
    }
}
