package io.ferry.coordinator.runs;

import io.ferry.coordinator.saga.RunOptions;
import io.ferry.spec.model.Schedule;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The spec's {@code schedule}: at each time its cron (five fields, UTC) names, a batch refreshes its districts.
 * The cron is read when the coordinator starts; a changed schedule applies after a restart. A spec that does not
 * read leaves the coordinator without a schedule (and says so), not without its API.
 */
@ApplicationScoped
public class SpecSchedule {

    private static final Logger LOG = Logger.getLogger(SpecSchedule.class);
    /** The job's identity at the scheduler. */
    static final String JOB = "spec-schedule";

    private final StagedSpec spec;
    private final Batches batches;
    private final Scheduler scheduler;

    public SpecSchedule(StagedSpec spec, Batches batches, Scheduler scheduler) {
        this.spec = spec;
        this.batches = batches;
        this.scheduler = scheduler;
    }

    void onStart(@Observes StartupEvent start) {
        Optional<Schedule> schedule;
        try {
            schedule = Optional.ofNullable(spec.stage().spec().schedule());
        } catch (RuntimeException e) {
            LOG.errorf("the spec's schedule is not in force: the spec does not read (%s)", e.getMessage());
            return;
        }
        schedule.ifPresent(s -> {
            scheduler.newJob(JOB).setCron(s.cron()).setTimeZone("UTC").setTask(execution -> refresh(s))
                    .schedule();
            LOG.infof("the spec's schedule is in force: %s (UTC) refreshes %s", s.cron(), s.districts());
        });
    }

    /** Does at once what the job does when its time comes. */
    void fire() {
        refresh(spec.stage().spec().schedule());
    }

    private void refresh(Schedule schedule) {
        try {
            Batches.Batch batch = batches.start(schedule.districts(), new RunOptions(false, false, true, false,
                    Set.of()), "schedule", Instant.now());
            LOG.infof("scheduled refresh: batch %s for %s", batch.batchId(), schedule.districts());
        } catch (Exception e) {
            LOG.errorf("scheduled refresh of %s failed to start: %s", schedule.districts(), e.getClass().getName());
        }
    }
}
