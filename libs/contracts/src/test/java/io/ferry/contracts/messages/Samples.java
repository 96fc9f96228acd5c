package io.ferry.contracts.messages;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.contracts.Json;
import io.ferry.contracts.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One realistic instance per golden file, named like the file. The sample estate's run
 * {@code mig-20261121060000-001} copies {@code district-001}.
 */
final class Samples {

    static final String RUN = "mig-20261121060000-001";
    static final String DISTRICT = "district-001";
    static final String SPEC = "9489f1b0089092575d8ace2392285db2921b60cd163d2e7e7a7c756977a26dd8";

    private Samples() {
    }

    static Map<String, Message> all() {
        Map<String, Message> samples = new LinkedHashMap<>();
        samples.put("PreflightRequest", new PreflightRequest(RUN, DISTRICT, SPEC, 1));
        samples.put("PreflightResult", new PreflightResult(RUN, SPEC, 1, CheckStatus.FAILED, 412, List.of(
                new PreflightResult.Finding("hcp1", "public.guardian", "mobile_phone",
                        PreflightResult.Problem.UNRULED_PERSONAL_FIELD, "person.phone"),
                new PreflightResult.Finding("adb", "public.event", "payload->'$.contact.email'",
                        PreflightResult.Problem.VALUE_IN_RESERVED_RANGE, null)), null));
        samples.put("ExtractRequest", new ExtractRequest(RUN, DISTRICT, SPEC, 1, "hcp1", 1, List.of("ids")));
        samples.put("ExtractResult", new ExtractResult(RUN, SPEC, 1, "hcp1", List.of(
                new ExtractResult.TableBatches("public", "enrollment", BatchKind.TABLE, 3, 25_310),
                new ExtractResult.TableBatches("public", "guardian", BatchKind.TABLE, 1, 4_122)),
                RUN + "/keys/hcp1/",
                List.of(new ExtractResult.DanglingReferences("hcp1.public.enrollment(person_id)", "ids.public.person(id)",
                        4, DanglingPolicy.DROP)),
                List.of(new ExtractResult.CrossTenantRows("public", "school", "district-007", 2, CrossTenantPolicy.COPY)),
                null));
        samples.put("BatchManifest", new BatchManifest(RUN + "/extract/ids/public.person/0", RUN, SPEC, 1,
                Phase.EXTRACT, "ids", "public", "person", BatchKind.TABLE, 0,
                RUN + "/extracted/ids/public.person/part-0.parquet", 50_000, 3_481_216,
                "4fd8eb70cb2da6edf1dc88a7caae424a56b7c2798548e59773bfe4674ee34027", "pg:ids.public.person:7c1e9a04",
                1, true, false));
        samples.put("BatchManifest-anonymized", new BatchManifest(RUN + "/anonymize/sp/label.Person/2", RUN, SPEC, 2,
                Phase.ANONYMIZE, "sp", "label", "Person", BatchKind.LABEL, 2,
                RUN + "/anonymized/sp/label.Person/part-2.parquet", 1_377, 98_304,
                "f1419faaa72560b86d3e9ab7b344b70be94e41606c08ed63f40c11b781ef886f", "neo4j:sp:Person:0b6f2d51",
                1, false, true));
        samples.put("LeakCheckRequest", new LeakCheckRequest(RUN, SPEC, 1, 142));
        samples.put("LeakCheckResult", new LeakCheckResult(RUN, SPEC, 1, CheckStatus.FAILED, 8_204_113, List.of(
                new LeakCheckResult.Finding(RUN + "/anonymize/adb/public.event/5", "adb", "public.event",
                        "payload->'$.notes'", "hmac-sha256:v1:3f0b7d9e5c1a2b4d6e8f0a1c3e5b7d9f")), null, 2));
        samples.put("ValidateRequest", new ValidateRequest(RUN, "district-001", SPEC, 1, "mig-20261101060000-001"));
        samples.put("ValidateResult", new ValidateResult(RUN, SPEC, 1, ValidationStatus.PASSED_WITH_WARNINGS, List.of(
                new Finding("entry after exit", Severity.WARNING, "hcp1", "public.enrollment", null, 3,
                        List.of("18844", "18845", "20410")),
                new Finding("length", Severity.WARNING, "ids", "public.person", "nickname", 1, List.of("4711"))),
                Map.of("ids", "pg:cert.ids:a1f3", "hcp1", "pg:cert.hcp1:09bc", "hcp2", "pg:cert.hcp2:77d0",
                        "adb", "pg:cert.adb:5e21", "sp", "neo4j:cert.sp:c4d8"),
                null));
        samples.put("LoadRequest", new LoadRequest(RUN, DISTRICT, SPEC, 1, "ids", "pg:cert.ids:a1f3", null));
        samples.put("LoadResult", new LoadResult(RUN, SPEC, 1, "ids", List.of(
                new LoadResult.TableCounts("public", "person", BatchKind.TABLE, 5_120, 0, 37, 0, "3f9a0c5be21d7e48"),
                new LoadResult.TableCounts("public", "grade_level", BatchKind.TABLE, 0, 0, 0, 14, null)), null));
        samples.put("LoadResult-failed", new LoadResult(RUN, SPEC, 2, "hcp1", List.of(),
                new Failure(Failure.Kind.FATAL, "CERT_SCHEMA_CHANGED",
                        "CERT schema of hcp1 changed since validation: public.enrollment.exit_date")));
        samples.put("CompensateRequest", new CompensateRequest(RUN, SPEC, 1, true, "rollback --force requested"));
        samples.put("CompensateResult", new CompensateResult(RUN, SPEC, 1, CompensationStatus.COMPENSATED,
                Map.of("ids", Map.of(
                        "public.person", new CompensateResult.TableProof(48_210, "0cc175b9c0f1b6a831c399e269772661"),
                        "public.address", new CompensateResult.TableProof(0, null))),
                Map.of("ids", Map.of(
                        "public.person", new CompensateResult.TableProof(48_210, "0cc175b9c0f1b6a831c399e269772661"),
                        "public.address", new CompensateResult.TableProof(0, null))),
                List.of(new CompensateResult.BlockedRow("ids", "public.person", "4711",
                        CompensateResult.Cause.REFERENCED_FROM_OUTSIDE)),
                null));
        samples.put("VerifyRequest", new VerifyRequest(RUN, SPEC, 1));
        samples.put("VerifyResult", new VerifyResult(RUN, SPEC, 1, VerifyStatus.INVALID, List.of(
                new Finding("ledger-hash", Severity.ERROR, "hcp2", "public.submission", null, 1, List.of("99120"))),
                null));
        samples.put("CatalogRequest", new CatalogRequest("cat-3c9a1e", CatalogKind.PLAN, SPEC, 1, DISTRICT));
        samples.put("CatalogResult", new CatalogResult("cat-3c9a1e", CatalogKind.PLAN, SPEC, 1, tree("""
                {"district": "district-001",
                 "tables": [{"store": "ids", "schema": "public", "name": "person", "table": "public.person",
                             "kind": "table", "rows": 5157}],
                 "crossTenant": [], "dangling": [], "loadOrder": ["ids", "hcp1", "hcp2", "adb", "sp"]}
                """), null));
        samples.put("Progress", new Progress(RUN, Phase.EXTRACT, "hcp1", "public.enrollment", 12_000, 25_310L, 8_450.5,
                Instant.parse("2026-11-21T06:01:12.250Z")));
        samples.put("RunStatusChanged", new RunStatusChanged(RUN, DISTRICT, RunStatus.AWAITING_APPROVAL,
                RunStatus.RUNNING, "approval required before load", Instant.parse("2026-11-21T06:14:03Z")));
        return samples;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.newMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
