package io.ferry.validator.messaging;

import io.ferry.service.kafka.KafkaRecords;
import io.ferry.service.messaging.Command;
import io.ferry.service.messaging.CommandProcessor;
import io.ferry.service.messaging.InboundRecord;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The input topics, validate and verify requests. Each request is handled on a worker of the {@value #WORK_POOL} pool
 * ({@code smallrye.messaging.worker.ferry-validator-work.max-concurrency}, 1: a validation takes DuckDB's
 * threads and memory and CERT's attention, a verify CERT's, so an instance runs one at a time and more instances scale out),
 * and acknowledged only after its result was acknowledged by the broker; the throttled commit strategy then
 * commits its offset. A request whose result was not acknowledged is nacked, which stops the channel
 * (failure strategy {@code fail}) and marks the service unhealthy rather than committing past lost work;
 * after a restart it is delivered again and its stored result, if any, re-sent.
 */
@ApplicationScoped
public class ValidatorConsumers {

    /** Worker pool of request handling; its size bounds how many runs are validated at once. */
    public static final String WORK_POOL = "ferry-validator-work";

    private static final Logger LOG = Logger.getLogger(ValidatorConsumers.class);

    private final CommandProcessor processor;
    private final ValidateCommand validate;
    private final VerifyCommand verify;

    public ValidatorConsumers(CommandProcessor processor, ValidateCommand validate, VerifyCommand verify) {
        this.processor = processor;
        this.validate = validate;
        this.verify = verify;
    }

    @Incoming("validate-requests")
    @Blocking(value = WORK_POOL, ordered = false)
    public CompletionStage<Void> onValidateRequest(Message<String> record) {
        return handle(record, validate);
    }

    @Incoming("verify-requests")
    @Blocking(value = WORK_POOL, ordered = false)
    public CompletionStage<Void> onVerifyRequest(Message<String> record) {
        return handle(record, verify);
    }

    private CompletionStage<Void> handle(Message<String> record, Command<?, ?> command) {
        InboundRecord inbound = KafkaRecords.inbound(record);
        try {
            processor.handle(inbound, command);
            return record.ack();
        } catch (RuntimeException e) {
            LOG.errorf("%s: not acknowledged, it will be delivered again: %s", inbound, e.getClass().getName());
            return record.nack(e);
        }
    }
}
