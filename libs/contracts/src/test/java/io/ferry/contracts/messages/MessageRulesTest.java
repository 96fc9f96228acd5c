package io.ferry.contracts.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.contracts.ContractViolation;
import io.ferry.contracts.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules the records enforce on construction, whether built in code or read from JSON. */
class MessageRulesTest {

    private static final String RUN = Samples.RUN;
    private static final String SPEC = Samples.SPEC;
    private static final String SHA = "4fd8eb70cb2da6edf1dc88a7caae424a56b7c2798548e59773bfe4674ee34027";

    @Test
    void listsAreCopiedAndCannotBeChanged() {
        List<String> dependsOn = new ArrayList<>(List.of("ids"));
        ExtractRequest request = new ExtractRequest(RUN, Samples.DISTRICT, SPEC, 1, "hcp1", 1, dependsOn);
        dependsOn.add("adb");

        assertThat(request.dependsOn()).containsExactly("ids");
        assertThatThrownBy(() -> request.dependsOn().add("sp")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nestedProofMapsAreCopiedToo() {
        Map<String, CompensateResult.TableProof> tables = new HashMap<>();
        tables.put("public.person", new CompensateResult.TableProof(3, "0cc175b9c0f1b6a831c399e269772661"));
        CompensateResult result = new CompensateResult(RUN, SPEC, 1, CompensationStatus.COMPENSATED,
                Map.of("ids", tables), Map.of("ids", tables), List.of(), null);
        tables.clear();

        assertThat(result.before().get("ids")).containsOnlyKeys("public.person");
        assertThatThrownBy(() -> result.after().get("ids").clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void catalogPayloadCannotBeChangedFromOutside() {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("district", "district-001");
        CatalogResult result = new CatalogResult("cat-1", CatalogKind.PLAN, SPEC, 1, payload, null);
        payload.put("district", "district-002");
        ((ObjectNode) result.payload()).put("district", "district-003");

        assertThat(result.payload().get("district").asText()).isEqualTo("district-001");
    }

    @Test
    void nullElementsAreRefusedByName() {
        List<String> withNull = new ArrayList<>();
        withNull.add(null);

        assertThatThrownBy(() -> new ExtractRequest(RUN, Samples.DISTRICT, SPEC, 1, "hcp1", 1, withNull))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("ExtractRequest.dependsOn must not contain null");
    }

    @Test
    void requiredFieldsAreNamed() {
        assertThatThrownBy(() -> new LoadRequest(RUN, Samples.DISTRICT, SPEC, 1, " ", "fp", null))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("LoadRequest.store must not be blank");
        assertThatThrownBy(() -> new ValidateRequest(RUN, "district-001", "not-a-hash", 1))
                .hasMessage("ValidateRequest.specHash must be a sha256 as 64 lower-case hex digits");
        assertThatThrownBy(() -> new RunStatusChanged(RUN, Samples.DISTRICT, RunStatus.RUNNING, null, null, null))
                .hasMessage("RunStatusChanged.at is required");
    }

    @Test
    void anExtractedBatchMustBeEncrypted() {
        assertThatThrownBy(() -> manifest(RUN + "/extract/ids/public.person/0", Phase.EXTRACT, false))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("BatchManifest: an extracted batch must be encrypted");
        assertThat(manifest(RUN + "/anonymize/ids/public.person/0", Phase.ANONYMIZE, false).encrypted()).isFalse();
    }

    @Test
    void aBatchIdMustAgreeWithTheManifest() {
        assertThatThrownBy(() -> manifest(RUN + "/extract/ids/public.person/1", Phase.EXTRACT, true))
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("BatchManifest.batchId must equal");
    }

    @Test
    void onlyExtractAndAnonymizeProduceBatches() {
        assertThatThrownBy(() -> manifest(RUN + "/load/ids/public.person/0", Phase.LOAD, true))
                .hasMessage("BatchManifest.phase must be extract or anonymize");
    }

    @Test
    void anErrorFindingFailsValidation() {
        Finding error = new Finding("not-null", Severity.ERROR, "ids", "public.person", "last_name", 2,
                List.of("7", "9"));

        assertThatThrownBy(() -> new ValidateResult(RUN, SPEC, 1, ValidationStatus.PASSED_WITH_WARNINGS,
                List.of(error), Map.of(), null))
                .hasMessage("ValidateResult: a result with an error finding must be FAILED");
        assertThat(new ValidateResult(RUN, SPEC, 1, ValidationStatus.FAILED, List.of(error), Map.of(), null).findings())
                .containsExactly(error);
    }

    @Test
    void aFailureComesWithAFailingStatus() {
        Failure failure = new Failure(Failure.Kind.TRANSIENT, "CERT_UNREACHABLE", "cannot connect to CERT store hcp1");

        assertThatThrownBy(() -> new VerifyResult(RUN, SPEC, 1, VerifyStatus.VALID, List.of(), failure))
                .hasMessage("VerifyResult: a result with a failure must have a failing status");
        assertThatThrownBy(() -> new CompensateResult(RUN, SPEC, 1, CompensationStatus.FAILED, Map.of(), Map.of(),
                List.of(), null))
                .hasMessage("CompensateResult: status FAILED goes with a failure, and only it");
    }

    @Test
    void passedChecksHaveNoFindings() {
        var finding = new LeakCheckResult.Finding(RUN + "/anonymize/ids/public.person/0", "ids", "public.person",
                "first_name", "hmac-sha256:v1:00ff");

        assertThatThrownBy(() -> new LeakCheckResult(RUN, SPEC, 1, CheckStatus.PASSED, 10, List.of(finding), null))
                .hasMessage("LeakCheckResult: a result with findings must be FAILED");
    }

    @Test
    void blockedCompensationListsTheRows() {
        assertThatThrownBy(() -> new CompensateResult(RUN, SPEC, 1, CompensationStatus.BLOCKED, Map.of(), Map.of(),
                List.of(), null))
                .hasMessage("CompensateResult: status BLOCKED must list the blocked rows");
    }

    @Test
    void aProofOfRowsHasAChecksum() {
        assertThatThrownBy(() -> new CompensateResult.TableProof(5, null))
                .hasMessage("CompensateResult.TableProof.checksum is required when rows > 0");
    }

    @Test
    void wavesAndDependenciesAgree() {
        assertThatThrownBy(() -> new ExtractRequest(RUN, Samples.DISTRICT, SPEC, 1, "hcp1", 0, List.of("ids")))
                .hasMessage("ExtractRequest: wave 0 is for stores without dependencies, later waves depend on a store");
        assertThatThrownBy(() -> new ExtractRequest(RUN, Samples.DISTRICT, SPEC, 1, "ids", 1, List.of("ids")))
                .hasMessage("ExtractRequest: a store cannot depend on itself");
    }

    @Test
    void onlyAPlanRequestNamesADistrict() {
        assertThatThrownBy(() -> new CatalogRequest("cat-1", CatalogKind.PLAN, SPEC, 1, null))
                .hasMessage("CatalogRequest.district is required for plan and not allowed for schema or districts");
        assertThat(new CatalogRequest("cat-2", CatalogKind.DISTRICTS, SPEC, 1, null).district()).isNull();
    }

    @Test
    void aFailedLoadReportsNoCounts() {
        Failure failure = new Failure(Failure.Kind.FATAL, "CONSTRAINT_VIOLATED", "unique constraint on public.person");
        var counts = new LoadResult.TableCounts("public", "person", BatchKind.TABLE, 1, 0, 0, 0, null);

        assertThatThrownBy(() -> new LoadResult(RUN, SPEC, 1, "ids", List.of(counts), failure))
                .hasMessage("LoadResult: a failed load was rolled back and must report no table counts");
    }

    @Test
    void aLoadedTablesChecksumIsSixteenHexDigitsOrAbsent() {
        assertThatThrownBy(() -> new LoadResult.TableCounts("public", "person", BatchKind.TABLE, 1, 0, 0, 0, "XYZ"))
                .hasMessage("LoadResult.TableCounts.checksum must be 16 lowercase hex digits or null");
        assertThat(new LoadResult.TableCounts("public", "person", BatchKind.TABLE, 1, 0, 0, 0, "00ff00ff00ff00ff")
                .checksum()).isEqualTo("00ff00ff00ff00ff");
    }

    @Test
    void progressRateMustBeANumber() {
        assertThatThrownBy(() -> new Progress(RUN, Phase.LOAD, null, null, 0, null, Double.NaN, Instant.EPOCH))
                .hasMessage("Progress.rowsPerSec must be a finite number, 0 or more");
    }

    private static BatchManifest manifest(String batchId, Phase phase, boolean encrypted) {
        return new BatchManifest(batchId, RUN, SPEC, 1, phase, "ids", "public", "person", BatchKind.TABLE, 0,
                "path", 1, 1, SHA, "fp", 1, encrypted, true);
    }
}
