package io.ferry.contracts.messages;

import java.util.List;

/**
 * Verification's verdict; {@code ferry verify} prints the status on its first line.
 *
 * @param failure null unless verification could not run
 */
public record VerifyResult(String runId, String specHash, int attempt, VerifyStatus status, List<Finding> findings,
        Failure failure) implements Message {

    public VerifyResult {
        Require.runId("VerifyResult.runId", runId);
        Require.sha256("VerifyResult.specHash", specHash);
        Require.attempt("VerifyResult.attempt", attempt);
        Require.present("VerifyResult.status", status);
        findings = Require.list("VerifyResult.findings", findings);
        Require.failureMeansFailed("VerifyResult", failure, status == VerifyStatus.INVALID);
        Require.rule(status == VerifyStatus.INVALID || findings.stream().noneMatch(f -> f.severity() == Severity.ERROR),
                "VerifyResult: a result with an error finding must be INVALID");
    }

    @Override
    public String key() {
        return runId;
    }
}
