package io.ferry.contracts.messages;

import java.util.List;

/**
 * The leak check's verdict. Findings name where a source value survived and its keyed hash,
 * never the value.
 *
 * @param tokensChecked output tokens hashed and looked up; a pass over nothing proves nothing
 * @param failure       null unless the check could not run
 * @param coincidences  rows whose identifying tuple, generated from their own different one, equals another
 *                      person's source tuple by chance: counted, not findings (added later; 0 when absent)
 */
public record LeakCheckResult(String runId, String specHash, int attempt, CheckStatus status, long tokensChecked,
        List<Finding> findings, Failure failure, long coincidences) implements Message {

    /**
     * @param field      a column, JSON path or graph property
     * @param keyedHash  the HMAC (leak key) of the leaked token, to match against the source side
     */
    public record Finding(String batchId, String store, String table, String field, String keyedHash) {

        public Finding {
            Require.text("LeakCheckResult.Finding.batchId", batchId);
            Require.text("LeakCheckResult.Finding.store", store);
            Require.text("LeakCheckResult.Finding.table", table);
            Require.text("LeakCheckResult.Finding.field", field);
            Require.text("LeakCheckResult.Finding.keyedHash", keyedHash);
        }
    }

    public LeakCheckResult {
        Require.runId("LeakCheckResult.runId", runId);
        Require.sha256("LeakCheckResult.specHash", specHash);
        Require.attempt("LeakCheckResult.attempt", attempt);
        Require.present("LeakCheckResult.status", status);
        Require.count("LeakCheckResult.tokensChecked", tokensChecked);
        Require.count("LeakCheckResult.coincidences", coincidences);
        findings = Require.list("LeakCheckResult.findings", findings);
        Require.failureMeansFailed("LeakCheckResult", failure, status == CheckStatus.FAILED);
        Require.rule(findings.isEmpty() || status == CheckStatus.FAILED,
                "LeakCheckResult: a result with findings must be FAILED");
    }

    /** A result without coincidences. */
    public LeakCheckResult(String runId, String specHash, int attempt, CheckStatus status, long tokensChecked,
            List<Finding> findings, Failure failure) {
        this(runId, specHash, attempt, status, tokensChecked, findings, failure, 0);
    }

    @Override
    public String key() {
        return runId;
    }
}
