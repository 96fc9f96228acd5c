package io.ferry.coordinator.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Runs the outbox relay every {@code ferry.coordinator.outbox.interval}, until nothing due is left. */
@ApplicationScoped
public class RelaySchedule {

    private static final Logger LOG = Logger.getLogger(RelaySchedule.class);

    private final OutboxRelay relay;

    public RelaySchedule(OutboxRelay relay) {
        this.relay = relay;
    }

    @Scheduled(every = "${ferry.coordinator.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void relay() {
        try {
            while (relay.relayOnce(Instant.now()) > 0) {
                // a full batch may leave more due rows: go on until a round sends nothing
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("outbox relay: %s; the rows stay unsent and go next round", e.getClass().getName());
        }
    }
}
