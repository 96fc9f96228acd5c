package io.ferry.coordinator.runs;

import io.ferry.coordinator.outbox.RelaySchedule;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands the load slot on and relays the outbox as soon as a run changed, instead of at the schedules' next
 * round: a run goes through some twenty commands, and waiting up to a relay interval for each added seconds to
 * every run. The schedules stay as they are (they catch whatever a nudge missed, and other replicas' changes).
 * Nudges coalesce: while one is queued, more change nothing; the work runs on one thread of its own, never on
 * the caller's.
 */
@ApplicationScoped
public class Nudges {

    private final RunSchedules schedules;
    private final RelaySchedule relay;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("coordinator-nudges").factory());

    public Nudges(RunSchedules schedules, RelaySchedule relay) {
        this.schedules = schedules;
        this.relay = relay;
    }

    void onChange(@Observes RunChanged changed) {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false); // a change from here on queues another round
                schedules.grantLoadSlot();
                relay.relay();
            });
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
