package io.ferry.coordinator.messaging;

import io.ferry.contracts.MessageFormatException;
import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.persistence.UnknownRunException;
import io.ferry.service.kafka.KafkaRecords;
import io.ferry.service.messaging.InboundRecord;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Turns every record on the coordinator's input topics ({@link RunEvents#TOPICS}) into an event of its run,
 * applied in one transaction ({@link RunStore#apply}); the record is acknowledged, and so its offset committed,
 * only after that transaction committed. A redelivered record finds its id processed and changes nothing. A
 * record that does not read, or names a run this coordinator does not hold, is logged (never its value) and
 * passed over; a database failure nacks the record, which stops the channel rather than losing the event.
 */
@ApplicationScoped
public class ResultConsumer {

    private static final Logger LOG = Logger.getLogger(ResultConsumer.class);

    private final RunStore runs;

    public ResultConsumer(RunStore runs) {
        this.runs = runs;
    }

    @Incoming("results")
    @Blocking(ordered = true)
    public CompletionStage<Void> onRecord(Message<String> record) {
        InboundRecord inbound = KafkaRecords.inbound(record);
        try {
            Optional<RunEvents.Read> read = RunEvents.read(inbound, Instant.now());
            if (read.isEmpty()) {
                LOG.warnf("%s: a dead letter that names no run; passed over", inbound);
                return record.ack();
            }
            RunStore.Applied applied = runs.apply(read.get().runId(), read.get().event());
            LOG.infof("%s: run %s %s%s", inbound, read.get().runId(), applied.duplicate() ? "already had it"
                    : "is " + applied.state().status(), applied.duplicate() ? "" : " (" + applied.what() + ")");
            return record.ack();
        } catch (MessageFormatException | UnknownRunException e) {
            LOG.warnf("%s: passed over: %s", inbound, e.getMessage());
            return record.ack();
        } catch (Exception e) {
            LOG.errorf("%s: not applied, it will be delivered again: %s", inbound, e.getClass().getName());
            return record.nack(e);
        }
    }
}
