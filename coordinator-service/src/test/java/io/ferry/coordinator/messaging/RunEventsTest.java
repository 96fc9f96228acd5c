package io.ferry.coordinator.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.MessageFormatException;
import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.coordinator.saga.RunEvent;
import io.ferry.service.messaging.InboundRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunEventsTest {

    private static final String RUN = "mig-20261123170000-002";
    private static final Instant NOW = Instant.parse("2026-11-23T17:00:00Z");

    @Test
    void aResultIsAnAnswerOfItsRunUnderItsMessageId() {
        UUID id = UUID.randomUUID();
        LeakCheckResult result = new LeakCheckResult(RUN, "e".repeat(64), 1, CheckStatus.PASSED, 5, List.of(), null);
        RunEvents.Read read = RunEvents.read(new InboundRecord(Topics.LEAKCHECK_RESULTS, 0, 7, RUN, Json.toJson(result),
                Map.of(Headers.MESSAGE_ID, id.toString())), NOW).orElseThrow();
        assertThat(read.runId()).isEqualTo(RUN);
        assertThat(read.event()).isEqualTo(new RunEvent.Answered(id, result, "anonymizer", NOW));
    }

    @Test
    void withoutAMessageIdTheRecordsPlaceIsItsIdSoARedeliveryRepeatsIt() {
        String value = Json.toJson(new LeakCheckResult(RUN, "e".repeat(64), 1, CheckStatus.PASSED, 5, List.of(), null));
        InboundRecord record = new InboundRecord(Topics.LEAKCHECK_RESULTS, 1, 42, RUN, value, Map.of());
        assertThat(RunEvents.read(record, NOW).orElseThrow().event().id())
                .isEqualTo(RunEvents.read(record, NOW.plusSeconds(5)).orElseThrow().event().id())
                .isNotEqualTo(RunEvents.read(new InboundRecord(Topics.LEAKCHECK_RESULTS, 1, 43, RUN, value, Map.of()), NOW)
                        .orElseThrow().event().id());
    }

    @Test
    void aDeadLetterFailsTheRunItsHeaderNamesWithItsReasonAndOneWithoutARunIsPassedOver() {
        InboundRecord letter = new InboundRecord(Topics.dlq(Topics.LOAD_REQUESTS), 0, 3, RUN, "{\"runId\": 7}",
                Map.of(Headers.MESSAGE_ID, UUID.randomUUID().toString(), Headers.RUN_ID, RUN,
                        Headers.DLQ_REASON, "MessageFormatException: runId is not text"));
        RunEvents.Read read = RunEvents.read(letter, NOW).orElseThrow();
        assertThat(read.runId()).isEqualTo(RUN);
        assertThat(read.event()).isInstanceOfSatisfying(RunEvent.DeadLettered.class, d -> {
            assertThat(d.topic()).isEqualTo(Topics.LOAD_REQUESTS);
            assertThat(d.reason()).isEqualTo("MessageFormatException: runId is not text");
        });
        assertThat(RunEvents.read(new InboundRecord(Topics.dlq(Topics.LOAD_REQUESTS), 0, 4, null, "x", Map.of()), NOW))
                .isEmpty();
    }

    @Test
    void aValueThatDoesNotReadIsAFormatError() {
        assertThatThrownBy(() -> RunEvents.read(new InboundRecord(Topics.LOAD_RESULTS, 0, 1, RUN, "{\"runId\": 7}",
                Map.of()), NOW)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void theConsumerReadsEveryTopicTheConfigurationSubscribes() throws Exception {
        String configured;
        try (var in = RunEventsTest.class.getResourceAsStream("/application.properties")) {
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            configured = p.getProperty("mp.messaging.incoming.results.topics");
        }
        assertThat(List.of(configured.split(","))).containsExactlyElementsOf(RunEvents.TOPICS);
    }
}
