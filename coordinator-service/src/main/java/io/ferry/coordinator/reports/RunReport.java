package io.ferry.coordinator.reports;

import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.contracts.messages.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The run report in DESIGN.md's shape ({@code {root}/reports/{runId}.json}); the Markdown and HTML reports show
 * the same. Nothing in it is personal: counts, names of stores, tables and columns, anonymized example keys.
 */
public record RunReport(String runId, String district, RunStatus status, boolean dryRun, Instant startedAt,
        Instant endedAt, Integer keyVersion, String specHash, List<PhaseTiming> phases, List<StoreTables> stores,
        Anonymization anonymization, LeakCheck leakCheck, Validation validation, Load load, Compensation compensation,
        List<AuditLine> audit) {

    public record PhaseTiming(String phase, Instant startedAt, double seconds, Long rows) {
    }

    public record StoreTables(String store, List<TableFigures> tables) {
    }

    /** Rows per table: extracted, anonymized (null until every batch was), loaded (written), remapped keys. */
    public record TableFigures(String schema, String name, Long extracted, Long anonymized, Long loaded, Long remapped) {
    }

    /** @param fields the fields the preflight classified */
    public record Anonymization(List<String> rules, Long fields) {
    }

    public record LeakCheck(String result, Integer findings) {
    }

    public record Validation(String status, List<ValidationFinding> findings) {
    }

    public record ValidationFinding(String check, String severity, String store, String table, String column, long count,
            List<String> examples) {
    }

    /**
     * @param stores       per store loaded: rows inserted, updated, skipped and keys remapped
     * @param verification the latest verify of what CERT holds for the run; null when none answered
     */
    public record Load(List<StoreLoad> stores, long rows, Verification verification) {
    }

    /**
     * @param status  {@code VALID} or {@code INVALID}; null when the verify could not run ({@code failure} says why)
     * @param at      when the validator's answer came
     */
    public record Verification(String status, int attempt, Instant at, String failure, List<ValidationFinding> findings) {
    }

    public record StoreLoad(String store, long inserted, long updated, long skipped, long remapped) {
    }

    /** The proof: per store and table, rows and checksum before the load and after compensation. */
    public record Compensation(String status, Map<String, Map<String, TableProof>> before,
            Map<String, Map<String, TableProof>> after) {
    }

    public record AuditLine(Instant at, String actor, String kind, String what, String status) {
    }
}
