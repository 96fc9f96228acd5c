package io.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void namesTheHeadersOfTheDesign() {
        assertThat(new String[] {Headers.MESSAGE_ID, Headers.RUN_ID, Headers.SCHEMA_VERSION, Headers.CAUSATION_ID})
                .containsExactly("ferry-message-id", "ferry-run-id", "ferry-schema-version", "ferry-causation-id");
        assertThat(Headers.DLQ_REASON).isEqualTo("ferry-dlq-reason");
    }

    @Test
    void dlqReasonKeepsFerrysOwnValueFreeMessages() {
        String reason = Headers.dlqReason(new ContractViolation("batch id: seq must be 0 or more"));

        assertThat(reason).isEqualTo("io.ferry.contracts.ContractViolation: batch id: seq must be 0 or more");
    }

    @Test
    void dlqReasonDropsForeignMessagesThatMayQuoteRowValues() {
        String reason = Headers.dlqReason(
                new SQLException("duplicate key value violates unique constraint: (email)=(jane.doe@example.com)"));

        assertThat(reason).isEqualTo("java.sql.SQLException").doesNotContain("jane");
    }
}
