package io.ferry.contracts.messages;

import java.util.List;

/**
 * The preflight's verdict. {@code FAILED} with findings means the spec lacks rules (or PROD holds a
 * value inside a reserved range); {@code FAILED} with a failure means the preflight could not run.
 *
 * @param fieldsClassified columns, JSON paths and graph properties looked at
 * @param failure          null unless the preflight could not run
 */
public record PreflightResult(String runId, String specHash, int attempt, CheckStatus status, long fieldsClassified,
        List<Finding> findings, Failure failure) implements Message {

    /**
     * One field that fails the run.
     *
     * @param field     a column, a JSON path ({@code payload->'$.email'}) or a graph property
     * @param ruleToAdd the data type a rule should map the field to, e.g. {@code person.email};
     *                  null for a reserved-range value
     */
    public record Finding(String store, String table, String field, Problem problem, String ruleToAdd) {

        public Finding {
            Require.text("PreflightResult.Finding.store", store);
            Require.text("PreflightResult.Finding.table", table);
            Require.text("PreflightResult.Finding.field", field);
            Require.present("PreflightResult.Finding.problem", problem);
            Require.optionalText("PreflightResult.Finding.ruleToAdd", ruleToAdd);
        }
    }

    public enum Problem {
        /** Looks personal by name or sampled values and no anonymization rule covers it. */
        UNRULED_PERSONAL_FIELD,
        /** PROD already holds a value in a range reserved for generated values. */
        VALUE_IN_RESERVED_RANGE
    }

    public PreflightResult {
        Require.runId("PreflightResult.runId", runId);
        Require.sha256("PreflightResult.specHash", specHash);
        Require.attempt("PreflightResult.attempt", attempt);
        Require.present("PreflightResult.status", status);
        Require.count("PreflightResult.fieldsClassified", fieldsClassified);
        findings = Require.list("PreflightResult.findings", findings);
        Require.failureMeansFailed("PreflightResult", failure, status == CheckStatus.FAILED);
        Require.rule(findings.isEmpty() || status == CheckStatus.FAILED,
                "PreflightResult: a result with findings must be FAILED");
    }

    @Override
    public String key() {
        return runId;
    }
}
