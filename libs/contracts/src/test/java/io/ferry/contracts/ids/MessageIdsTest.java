package io.ferry.contracts.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.ContractViolation;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private static final String BATCH = "mig-20261121060000-001/extract/ids/public.person/0";

    @Test
    void uuidV5MatchesTheKnownVectorForWwwExampleCom() {
        UUID id = MessageIds.uuidV5(MessageIds.DNS_NAMESPACE, "www.example.com");

        assertThat(id).isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void ferryNamespaceIsDerivedAsDocumented() {
        assertThat(MessageIds.uuidV5(MessageIds.DNS_NAMESPACE, "messages.ferry.io"))
                .isEqualTo(MessageIds.FERRY_NAMESPACE);
    }

    @Test
    void sameAttemptGivesTheSameIdAndARetryANewOne() {
        UUID first = MessageIds.forAttempt(BATCH, 1);

        assertThat(first).isEqualTo(UUID.fromString("a698e59e-e9f3-51b3-ba12-413247f0be70"));
        assertThat(MessageIds.forAttempt(BATCH, 1)).isEqualTo(first);
        assertThat(MessageIds.forAttempt(BATCH, 2))
                .isEqualTo(UUID.fromString("21ba147d-ecf2-5fca-8770-7eec7e76dfcc"))
                .isNotEqualTo(first);
    }

    @Test
    void refusesMissingIdsAndAttemptsBelowOne() {
        assertThatThrownBy(() -> MessageIds.forAttempt(BATCH, 0))
                .isInstanceOf(ContractViolation.class).hasMessage("message id: attempt must be 1 or more");
        assertThatThrownBy(() -> MessageIds.forAttempt(" ", 1))
                .isInstanceOf(ContractViolation.class).hasMessage("message id: batch or command id is required");
    }
}
