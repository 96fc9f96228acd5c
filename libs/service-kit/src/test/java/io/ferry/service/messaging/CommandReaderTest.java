package io.ferry.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.ContractViolation;
import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.MessageFormatException;
import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.CatalogKind;
import io.ferry.contracts.messages.CatalogRequest;
import io.ferry.contracts.messages.ExtractRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandReaderTest {

    private static final String SPEC = "9489f1b0089092575d8ace2392285db2921b60cd163d2e7e7a7c756977a26dd8";
    private static final ExtractRequest REQUEST = new ExtractRequest("mig-20261121060000-001", "district-001", SPEC, 1,
            "hcp1", 1, List.of("ids"));
    private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void readsAWellFormedRequestAndItsMessageId() {
        InboundCommand<ExtractRequest> command = CommandReader.read(record(REQUEST.key(), Json.toJson(REQUEST),
                headers()), ExtractRequest.class, ExtractRequest::runId);

        assertThat(command.request()).isEqualTo(REQUEST);
        assertThat(command.messageId()).isEqualTo(ID);
    }

    @Test
    void acceptsAnOlderOrSameMajorWithANewerMinor() {
        Map<String, String> headers = headers();
        headers.put(Headers.SCHEMA_VERSION, "1.7");

        assertThat(CommandReader.read(record(REQUEST.key(), Json.toJson(REQUEST), headers), ExtractRequest.class,
                ExtractRequest::runId).request()).isEqualTo(REQUEST);
    }

    @Test
    void malformedJsonIsAFormatErrorThatQuotesNoValue() {
        assertThatThrownBy(() -> CommandReader.read(record(REQUEST.key(), "{\"runId\": \"secret-value", headers()),
                ExtractRequest.class, ExtractRequest::runId))
                .isInstanceOf(MessageFormatException.class)
                .message().doesNotContain("secret-value");
    }

    @Test
    void aMissingValueIsAContractViolation() {
        assertThatThrownBy(() -> CommandReader.read(record(REQUEST.key(), null, headers()), ExtractRequest.class,
                ExtractRequest::runId))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("no value");
    }

    @Test
    void theRecordKeyMustBeTheMessagesKey() {
        assertThatThrownBy(() -> CommandReader.read(record("mig-20261121060000-001/ids", Json.toJson(REQUEST), headers()),
                ExtractRequest.class, ExtractRequest::runId))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("record key");
    }

    @Test
    void requiresAUuidMessageId() {
        Map<String, String> missing = headers();
        missing.remove(Headers.MESSAGE_ID);
        Map<String, String> malformed = headers();
        malformed.put(Headers.MESSAGE_ID, "not-a-uuid");

        assertThatThrownBy(() -> CommandReader.read(record(REQUEST.key(), Json.toJson(REQUEST), missing),
                ExtractRequest.class, ExtractRequest::runId))
                .isInstanceOf(ContractViolation.class).hasMessageContaining(Headers.MESSAGE_ID + " is missing");
        assertThatThrownBy(() -> CommandReader.read(record(REQUEST.key(), Json.toJson(REQUEST), malformed),
                ExtractRequest.class, ExtractRequest::runId))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("UUID");
    }

    @Test
    void refusesANewerMajorAndAMissingVersion() {
        Map<String, String> newer = headers();
        newer.put(Headers.SCHEMA_VERSION, "2.0");
        Map<String, String> missing = headers();
        missing.remove(Headers.SCHEMA_VERSION);

        assertThatThrownBy(() -> CommandReader.read(record(REQUEST.key(), Json.toJson(REQUEST), newer),
                ExtractRequest.class, ExtractRequest::runId))
                .isInstanceOf(ContractViolation.class).hasMessageContaining(Headers.SCHEMA_VERSION);
        assertThatThrownBy(() -> CommandReader.read(record(REQUEST.key(), Json.toJson(REQUEST), missing),
                ExtractRequest.class, ExtractRequest::runId))
                .isInstanceOf(ContractViolation.class).hasMessageContaining(Headers.SCHEMA_VERSION + " is missing");
    }

    @Test
    void aRunHeaderMustNameTheMessagesRun() {
        Map<String, String> other = headers();
        other.put(Headers.RUN_ID, "mig-20261121060000-002");

        assertThatThrownBy(() -> CommandReader.read(record(REQUEST.key(), Json.toJson(REQUEST), other),
                ExtractRequest.class, ExtractRequest::runId))
                .isInstanceOf(ContractViolation.class).hasMessageContaining(Headers.RUN_ID);
    }

    @Test
    void aCatalogRequestNeedsNoRunHeader() {
        CatalogRequest request = new CatalogRequest("cat-1", CatalogKind.DISTRICTS, SPEC, 1, null);
        Map<String, String> headers = headers();
        headers.remove(Headers.RUN_ID);

        assertThat(CommandReader.read(new InboundRecord(Topics.CATALOG_REQUESTS, 0, 0, "cat-1", Json.toJson(request),
                headers), CatalogRequest.class, r -> null).request()).isEqualTo(request);
    }

    private static InboundRecord record(String key, String value, Map<String, String> headers) {
        return new InboundRecord(Topics.EXTRACT_REQUESTS, 1, 42, key, value, headers);
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.MESSAGE_ID, ID.toString());
        headers.put(Headers.RUN_ID, REQUEST.runId());
        headers.put(Headers.SCHEMA_VERSION, "1.0");
        headers.put(Headers.CAUSATION_ID, UUID.randomUUID().toString());
        return headers;
    }
}
