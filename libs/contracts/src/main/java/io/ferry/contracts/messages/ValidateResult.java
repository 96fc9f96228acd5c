package io.ferry.contracts.messages;

import java.util.List;
import java.util.Map;

/**
 * Validation's verdict. {@code FAILED} stops the run before CERT is touched.
 *
 * @param certSchemaFingerprints per store, the fingerprint of the CERT schema validation ran
 *                               against; the loader refuses to load if CERT changed since
 * @param failure                null unless validation could not run
 */
public record ValidateResult(String runId, String specHash, int attempt, ValidationStatus status,
        List<Finding> findings, Map<String, String> certSchemaFingerprints, Failure failure) implements Message {

    public ValidateResult {
        Require.runId("ValidateResult.runId", runId);
        Require.sha256("ValidateResult.specHash", specHash);
        Require.attempt("ValidateResult.attempt", attempt);
        Require.present("ValidateResult.status", status);
        findings = Require.list("ValidateResult.findings", findings);
        certSchemaFingerprints = Require.map("ValidateResult.certSchemaFingerprints", certSchemaFingerprints);
        Require.failureMeansFailed("ValidateResult", failure, status == ValidationStatus.FAILED);
        Require.rule(status == ValidationStatus.FAILED
                        || findings.stream().noneMatch(f -> f.severity() == Severity.ERROR),
                "ValidateResult: a result with an error finding must be FAILED");
    }

    @Override
    public String key() {
        return runId;
    }
}
