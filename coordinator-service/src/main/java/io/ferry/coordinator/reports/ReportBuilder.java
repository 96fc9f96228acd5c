package io.ferry.coordinator.reports;

import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.Finding;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.VerifyResult;
import io.ferry.coordinator.persistence.AuditEntry;
import io.ferry.coordinator.reports.RunReport.AuditLine;
import io.ferry.coordinator.reports.RunReport.PhaseTiming;
import io.ferry.coordinator.reports.RunReport.StoreTables;
import io.ferry.coordinator.reports.RunReport.TableFigures;
import io.ferry.coordinator.saga.RunState;
import io.ferry.coordinator.saga.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Makes a run's report from its state, its audit trail and the answers it applied. Pure: the phase timings come
 * from the audit trail's times (a phase runs from the event that started it to the answer that ended it).
 */
public final class ReportBuilder {

    private ReportBuilder() {
    }

    /**
     * @param results the answers the run applied, in order ({@code RunStore.results})
     * @param rules   the spec's anonymization rules, in words
     */
    public static RunReport build(RunState run, List<AuditEntry> audit, List<Message> results, List<String> rules) {
        Instant started = audit.isEmpty() ? null : audit.get(0).at();
        Instant ended = run.step() == Step.DONE && !audit.isEmpty() ? audit.get(audit.size() - 1).at() : null;
        List<ExtractResult> extracts = of(results, ExtractResult.class);
        List<LoadResult> loads = of(results, LoadResult.class).stream().filter(l -> l.failure() == null).toList();
        Optional<PreflightResult> preflight = last(results, PreflightResult.class);
        Optional<LeakCheckResult> leak = last(results, LeakCheckResult.class);
        Optional<ValidateResult> validation = last(results, ValidateResult.class);
        Optional<CompensateResult> compensation = last(results, CompensateResult.class);
        return new RunReport(run.runId(), run.district(), run.status(), run.options().dryRun(), started, ended,
                run.keyVersion(), run.specHash(), phases(audit, extracts, loads),
                stores(extracts, loads, leak.isPresent() || run.step() == Step.LEAK_CHECK),
                new RunReport.Anonymization(rules, preflight.map(PreflightResult::fieldsClassified).orElse(null)),
                leak.map(l -> new RunReport.LeakCheck(l.status().name(), l.findings().size())).orElse(null),
                validation.map(v -> new RunReport.Validation(v.status().name(), findings(v.findings()))).orElse(null),
                loads.isEmpty() ? null : load(loads, verification(run, results, audit)),
                compensation.filter(c -> c.failure() == null).map(c -> new RunReport.Compensation(c.status().name(),
                        c.before(), c.after())).orElse(null),
                audit.stream().map(e -> new AuditLine(e.at(), e.actor(), e.kind(), e.what(), e.status())).toList());
    }

    private static List<PhaseTiming> phases(List<AuditEntry> audit, List<ExtractResult> extracts, List<LoadResult> loads) {
        List<PhaseTiming> phases = new ArrayList<>();
        long extracted = extracts.stream().flatMap(e -> e.tables().stream()).mapToLong(ExtractResult.TableBatches::rows)
                .sum();
        long loaded = loads.stream().flatMap(l -> l.tables().stream()).mapToLong(t -> t.inserted() + t.updated()).sum();
        phase(phases, "preflight", first(audit, kind("Requested")), last(audit, kind("Answered(PreflightResult)")), null);
        phase(phases, "extract", extractionStart(audit), last(audit, kind("Answered(ExtractResult)")), extracted);
        phase(phases, "anonymize", first(audit, kind("BatchAnonymized")), last(audit, kind("BatchAnonymized")),
                extracted);
        phase(phases, "leakcheck", last(audit, kind("BatchAnonymized")), last(audit, kind("Answered(LeakCheckResult)")),
                null);
        phase(phases, "validate", last(audit, kind("Answered(LeakCheckResult)")),
                last(audit, kind("Answered(ValidateResult)")), null);
        phase(phases, "load", first(audit, kind("LoadSlotGranted")), last(audit, kind("Answered(LoadResult)")), loaded);
        phase(phases, "compensate", first(audit, e -> e.status().equals("COMPENSATING")),
                last(audit, kind("Answered(CompensateResult)")), null);
        phase(phases, "verify", last(audit, kind("VerifyRequested")), last(audit, kind("Answered(VerifyResult)")), null);
        return phases;
    }

    /** After the preflight, or after the approval a gate before extraction waited for (one before loading comes later). */
    private static Optional<AuditEntry> extractionStart(List<AuditEntry> audit) {
        Optional<AuditEntry> preflight = last(audit, kind("Answered(PreflightResult)"));
        Optional<AuditEntry> firstExtract = first(audit, kind("Answered(ExtractResult)"));
        if (preflight.isEmpty() || firstExtract.isEmpty()) {
            return preflight;
        }
        return audit.stream().filter(kind("Approved")).filter(e -> e.seq() > preflight.get().seq()
                && e.seq() < firstExtract.get().seq()).findFirst().or(() -> preflight);
    }

    private static void phase(List<PhaseTiming> phases, String phase, Optional<AuditEntry> from, Optional<AuditEntry> to,
            Long rows) {
        if (from.isPresent() && to.isPresent() && !to.get().at().isBefore(from.get().at())) {
            phases.add(new PhaseTiming(phase, from.get().at(), Duration.between(from.get().at(), to.get().at()).toMillis()
                    / 1000.0, rows));
        }
    }

    /** @param allAnonymized every extracted batch was anonymized (the leak check was asked for) */
    private static List<StoreTables> stores(List<ExtractResult> extracts, List<LoadResult> loads, boolean allAnonymized) {
        Map<String, Map<String, TableFigures>> stores = new LinkedHashMap<>();
        for (ExtractResult e : extracts) {
            for (ExtractResult.TableBatches t : e.tables()) {
                stores.computeIfAbsent(e.store(), k -> new LinkedHashMap<>()).put(t.schema() + "." + t.table(),
                        new TableFigures(t.schema(), t.table(), t.rows(), allAnonymized ? t.rows() : null, null, null));
            }
        }
        for (LoadResult l : loads) {
            for (LoadResult.TableCounts t : l.tables()) {
                Map<String, TableFigures> tables = stores.computeIfAbsent(l.store(), k -> new LinkedHashMap<>());
                TableFigures known = tables.get(t.schema() + "." + t.table());
                tables.put(t.schema() + "." + t.table(), new TableFigures(t.schema(), t.table(),
                        known == null ? null : known.extracted(), known == null ? null : known.anonymized(),
                        t.inserted() + t.updated(), t.remapped()));
            }
        }
        List<StoreTables> list = new ArrayList<>();
        stores.forEach((store, tables) -> list.add(new StoreTables(store, List.copyOf(tables.values()))));
        return list;
    }

    /** The answer to the run's latest verify (an older attempt's late answer does not count). */
    private static RunReport.Verification verification(RunState run, List<Message> results, List<AuditEntry> audit) {
        if (run.verification() == null) {
            return null;
        }
        Optional<VerifyResult> answer = of(results, VerifyResult.class).stream()
                .filter(v -> v.attempt() == run.verification().attempt()).reduce((a, b) -> b);
        return answer.map(v -> new RunReport.Verification(v.failure() == null ? v.status().name() : null, v.attempt(),
                last(audit, kind("Answered(VerifyResult)")).map(AuditEntry::at).orElse(null),
                v.failure() == null ? null : v.failure().code() + ": " + v.failure().message(),
                findings(v.findings()))).orElse(null);
    }

    private static List<RunReport.ValidationFinding> findings(List<Finding> findings) {
        return findings.stream().map(f -> new RunReport.ValidationFinding(f.check(), f.severity().name(), f.store(),
                f.table(), f.column(), f.count(), f.examples())).toList();
    }

    private static RunReport.Load load(List<LoadResult> loads, RunReport.Verification verification) {
        List<RunReport.StoreLoad> stores = loads.stream().map(l -> new RunReport.StoreLoad(l.store(),
                l.tables().stream().mapToLong(LoadResult.TableCounts::inserted).sum(),
                l.tables().stream().mapToLong(LoadResult.TableCounts::updated).sum(),
                l.tables().stream().mapToLong(LoadResult.TableCounts::skipped).sum(),
                l.tables().stream().mapToLong(LoadResult.TableCounts::remapped).sum())).toList();
        return new RunReport.Load(stores, stores.stream().mapToLong(s -> s.inserted() + s.updated()).sum(), verification);
    }

    private static Predicate<AuditEntry> kind(String kind) {
        return e -> e.kind().equals(kind);
    }

    private static Optional<AuditEntry> first(List<AuditEntry> audit, Predicate<AuditEntry> which) {
        return audit.stream().filter(which).findFirst();
    }

    private static Optional<AuditEntry> last(List<AuditEntry> audit, Predicate<AuditEntry> which) {
        return audit.stream().filter(which).reduce((a, b) -> b);
    }

    private static <T extends Message> List<T> of(List<Message> results, Class<T> type) {
        return results.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends Message> Optional<T> last(List<Message> results, Class<T> type) {
        List<T> all = of(results, type);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
