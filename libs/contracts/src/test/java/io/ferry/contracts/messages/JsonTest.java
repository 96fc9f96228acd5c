package io.ferry.contracts.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.Json;
import io.ferry.contracts.MessageFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static final String PREFLIGHT = """
            {"runId": "mig-20261121060000-001", "district": "district-001",
             "specHash": "9489f1b0089092575d8ace2392285db2921b60cd163d2e7e7a7c756977a26dd8", "attempt": %s}
            """;

    @Test
    void roundTripsThroughBytes() {
        Message sample = Samples.all().get("CompensateResult");

        assertThat(Json.fromJson(Json.toBytes(sample), CompensateResult.class)).isEqualTo(sample);
    }

    @Test
    void writesTheSameBytesForEqualMessages() {
        Message sample = Samples.all().get("ValidateResult");
        Message again = Json.fromJson(Json.toJson(sample), ValidateResult.class);

        assertThat(Json.toJson(again)).isEqualTo(Json.toJson(sample));
    }

    @Test
    void writesAbsentOptionalFieldsAsNull() {
        String json = Json.toJson(new LoadRequest(Samples.RUN, Samples.DISTRICT, Samples.SPEC, 1, "ids", "fp", null));

        assertThat(json).contains("\"replacesRunId\":null");
    }

    @Test
    void readsAbsentCollectionsAsEmpty() {
        String json = """
                {"runId": "mig-20261121060000-001", "specHash": "%s", "attempt": 1, "status": "VALID"}
                """.formatted(Samples.SPEC);

        VerifyResult read = Json.fromJson(json, VerifyResult.class);

        assertThat(read.findings()).isEmpty();
        assertThat(read.failure()).isNull();
    }

    @Test
    void aMissingFlagReadsAsFalse() {
        String json = Json.toJson(Samples.all().get("CompensateRequest")).replace("\"force\":true,", "");

        assertThat(Json.fromJson(json, CompensateRequest.class).force()).isFalse();
    }

    @Test
    void aWrongTypeNamesClassAndPathButNotTheValue() {
        String json = PREFLIGHT.formatted("\"jane.doe@example.com\"");

        assertThatThrownBy(() -> Json.fromJson(json, PreflightRequest.class))
                .isInstanceOf(MessageFormatException.class)
                .hasMessage("cannot read PreflightRequest at $.attempt: not a valid int")
                .message().doesNotContain("jane");
    }

    @Test
    void aBrokenContractRuleNamesTheFieldButNotTheValue() {
        String json = PREFLIGHT.formatted("1").replace("mig-20261121060000-001", "jane.doe@example.com");

        assertThatThrownBy(() -> Json.fromJson(json, PreflightRequest.class))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageStartingWith(
                        "cannot read PreflightRequest at $: PreflightRequest.runId: run id must look like")
                .message().doesNotContain("jane");
    }

    @Test
    void anUnknownEnumConstantNamesTheEnumAndThePath() {
        String json = Json.toJson(Samples.all().get("ValidateResult")).replace("\"warning\"", "\"jane-doe\"");

        assertThatThrownBy(() -> Json.fromJson(json, ValidateResult.class))
                .isInstanceOf(MessageFormatException.class)
                .hasMessage("cannot read ValidateResult at $.findings[0].severity: not a valid Severity")
                .message().doesNotContain("jane");
    }

    @Test
    void malformedJsonGivesThePositionOnly() {
        byte[] json = "{\"runId\": \"jane.doe@example".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Json.fromJson(json, PreflightRequest.class))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageStartingWith("cannot read PreflightRequest")
                .message().doesNotContain("jane");
    }

    @Test
    void aNullOrMissingNumberReadsAsZeroAndTheRecordDecides() {
        String missing = PREFLIGHT.formatted("1").replace(", \"attempt\": 1", "");

        assertThatThrownBy(() -> Json.fromJson(PREFLIGHT.formatted("null"), PreflightRequest.class))
                .isInstanceOf(MessageFormatException.class)
                .hasMessage("cannot read PreflightRequest at $: PreflightRequest.attempt must be 1 or more");
        assertThatThrownBy(() -> Json.fromJson(missing, PreflightRequest.class))
                .hasMessage("cannot read PreflightRequest at $: PreflightRequest.attempt must be 1 or more");
    }
}
