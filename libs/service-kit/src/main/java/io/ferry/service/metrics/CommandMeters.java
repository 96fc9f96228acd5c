package io.ferry.service.metrics;

import io.ferry.contracts.messages.Failure;
import io.ferry.service.messaging.CommandMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters every phase service keeps for its commands (a service's meters bean extends this one; make it
 * {@code @Singleton}, which needs no proxy): failures by command, code and kind
 * ({@code ferry_<service>_failures_total}) and records dead-lettered by source topic
 * ({@code ferry_<service>_dead_letters_total}). Tags are commands, codes and topics, never values.
 */
public class CommandMeters implements CommandMetrics {

    protected final MeterRegistry registry;
    private final String service;

    /** @param service {@code extractor}, {@code anonymizer}, ...: the meters' name part */
    protected CommandMeters(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
    }

    @Override
    public void failed(String command, Failure failure) {
        Counter.builder("ferry." + service + ".failures")
                .description("Failures reported in results, by command and code")
                .tag("command", command)
                .tag("code", failure.code())
                .tag("kind", failure.kind().name())
                .register(registry)
                .increment();
    }

    @Override
    public void deadLettered(String topic) {
        Counter.builder("ferry." + service + ".dead.letters")
                .description("Records sent to a dead-letter topic, by source topic")
                .tag("topic", topic)
                .register(registry)
                .increment();
    }
}
