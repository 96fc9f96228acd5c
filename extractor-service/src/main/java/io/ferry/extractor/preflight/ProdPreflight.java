package io.ferry.extractor.preflight;

import io.ferry.anonymize.classify.DataType;
import io.ferry.anonymize.classify.Field;
import io.ferry.anonymize.classify.JsonLeaves;
import io.ferry.anonymize.classify.ReservedRanges;
import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymize.classify.TokenDictionary;
import io.ferry.classify.Assessment;
import io.ferry.classify.PgFields;
import io.ferry.classify.ProdReadException;
import io.ferry.classify.ProdSampler;
import io.ferry.classify.SampledField;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.PreflightResult.Finding;
import io.ferry.contracts.messages.PreflightResult.Problem;
import io.ferry.extractor.extraction.BesideWork;
import io.ferry.extractor.extraction.ExtractionFailure;
import io.ferry.extractor.extraction.PlannedRuns;
import io.ferry.planning.Closure;
import io.ferry.planning.ClosureException;
import io.ferry.planning.Plan;
import io.ferry.planning.RowSource;
import io.ferry.planning.graph.GraphPlan;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdAccessException;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.StepTimes;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingException;
import io.ferry.staging.StagingLayout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The preflight against PROD: opens the spec's stores in one read-only snapshot each, checks every
 * PostgreSQL session is read-only (and logs whether the server is a standby), computes the district's
 * closure, samples and classifies every column, JSON leaf path and label property of the tables and
 * labels the closure copies rows from, scans the ruled fields for PROD values inside the reserved ranges,
 * and, when the run may go ahead, writes the district's name and identifier tokens as HMACs to
 * {@code {runId}/dictionary/tokens.txt}. Never writes to PROD; never logs, returns or throws a value.
 *
 * <p>Failing: a PROD value in a reserved range always fails the run; a personal-looking field without a
 * rule fails it when {@link PreflightSettings#enforce()} is on, and is otherwise logged as a warning
 * (the result is then {@code PASSED}: the contract allows findings only on a {@code FAILED} result).
 */
@ApplicationScoped
public class ProdPreflight implements Preflight {

    private static final Logger LOG = Logger.getLogger(ProdPreflight.class);

    private final Staging staging;
    private final PreflightSettings settings;
    private final PlannedRuns runs;

    /** @param runs the runs' plans: a passed preflight leaves its plan and snapshots there for the extractions */
    @Inject
    public ProdPreflight(Staging staging, PreflightSettings settings, PlannedRuns runs) {
        this.staging = staging;
        this.settings = settings;
        this.runs = runs;
    }

    /** The staging key of a run's dictionary: {@code {runId}/dictionary/tokens.txt}. */
    public static String dictionaryKey(String runId) {
        return StagingLayout.dictionary(io.ferry.contracts.ids.RunId.parse(runId));
    }

    @Override
    public PreflightResult run(PreflightRequest request, LoadedSpec loaded) {
        Spec spec = loaded.spec();
        String runId = request.runId();
        long started = System.nanoTime();
        StepTimes times = new StepTimes();
        try (PlannedRuns.Lease plan = runs.leaseForPreflight(runId, request.specHash(), request.district(), loaded)) {
            times.mark("relational closure");
            ProdSnapshot snapshot = plan.snapshot();
            ProdSampler sampler = new ProdSampler(snapshot, settings.sampleSize());
            requireReadOnly(runId, spec, sampler);
            PreflightResult result = check(request, loaded, snapshot, plan, sampler, started, times);
            if (result.status() == CheckStatus.PASSED) {
                plan.extracted(); // the extractions copy the very rows classified here, in the same snapshots
            }
            return result;
        } catch (ProdReadException e) {
            throw PreflightFailures.of(e);
        } catch (ProdAccessException e) {
            throw PreflightFailures.of(e);
        } catch (ClosureException e) {
            throw PreflightFailures.of(e);
        } catch (IllegalArgumentException e) {
            throw PreflightFailures.fatal("SPEC_INVALID", e.getMessage(), e);
        }
    }

    /**
     * The relational stores' fields first (classification, reserved ranges), while the graph stores' closures are
     * still computed beside it; then the graph stores' labels, with the relational tables' dictionary tokens read
     * beside them.
     */
    private PreflightResult check(PreflightRequest request, LoadedSpec loaded, ProdSnapshot snapshot,
            PlannedRuns.Lease plan, ProdSampler sampler, long started, StepTimes times) {
        String runId = request.runId();
        RuleIndex rules = RuleIndex.of(loaded.spec());
        rules.unreadable().forEach(r -> LOG.warnf("preflight %s: anonymize rule for '%s' names no column or property;"
                + " it covers nothing", runId, r));

        // The relational stores: every field of every table the closure copies rows from.
        Closure relational = plan.relational().closure();
        Set<TableId> copied = copiedTables(relational.plan());
        List<SampledField> sampled = new ArrayList<>();
        Map<TableId, Table> tables = new LinkedHashMap<>();
        for (TableId id : relational.tables()) {
            Optional<Table> table = snapshot.schema().table(id);
            if (copied.contains(id) && table.isPresent() && snapshot.connection(id.store()).isPresent()) {
                tables.put(id, table.get());
                sampled.addAll(sampler.sample(table.get()));
            }
        }
        List<Assessment> assessments = new ArrayList<>(Assessment.assess(sampled, rules));
        sampled.clear();
        times.mark("classification");

        // The relational tables' dictionary tokens on sessions of their own: from here on where the cap leaves one
        // beside the graph closures' sessions, else once those let theirs go; in line without graphs beside.
        List<Assessment> relationalAssessments = List.copyOf(assessments);
        Function<Boolean, BesideWork<TokenDictionary>> relationalTokens = beside -> BesideWork.start(snapshot, beside,
                "ferry-preflight-dictionary", sources -> {
                    TokenDictionary tokens = new TokenDictionary(settings.dictionaryKey());
                    addDictionary(tokens, sources, relational, relationalAssessments, rules, tables, Map.of(), sampler);
                    return tokens;
                });
        boolean graphsBeside = plan.graphsBeside();
        BesideWork<TokenDictionary> tokens = graphsBeside && runs.sessionsPerStore() > 2
                ? relationalTokens.apply(true) : null;
        try {
            List<Finding> reserved = reservedFindings(runId, rules, tables, Map.of(), sampler);
            times.mark("reserved ranges");
            // The graph stores, once their closures are done.
            DistrictClosure closure = plan.closure();
            times.mark("waiting for the graph closure");
            if (tokens == null) {
                tokens = relationalTokens.apply(graphsBeside);
            }
            return checkGraphs(request, snapshot, closure, rules, assessments, reserved, tokens, sampler, started,
                    times);
        } finally {
            if (tokens != null) {
                tokens.close();
            }
        }
    }

    /** The graph stores' labels; then the dictionary, with the relational tables' tokens, is written. */
    private PreflightResult checkGraphs(PreflightRequest request, ProdSnapshot snapshot, DistrictClosure closure,
            RuleIndex rules, List<Assessment> assessments, List<Finding> reserved,
            BesideWork<TokenDictionary> relationalTokens, ProdSampler sampler, long started, StepTimes times) {
        String runId = request.runId();
        times.mark("relational dictionary");
        List<SampledField> sampled = new ArrayList<>();
        Map<TableId, Table> labelTables = new LinkedHashMap<>();
        Map<TableId, GraphPlan> labels = new LinkedHashMap<>();
        Set<TableId> copiedLabels = copiedTables(closure.plan());
        for (GraphPlan graph : closure.graphs()) {
            for (TableId id : graph.tables()) {
                Optional<Table> label = snapshot.fullSchema().table(id);
                if (id.schema().equals(TableId.LABELS) && copiedLabels.contains(id) && label.isPresent()) {
                    labelTables.put(id, label.get());
                    labels.put(id, graph);
                    sampled.addAll(sampler.sample(label.get()));
                }
            }
        }
        List<Assessment> labelAssessments = Assessment.assess(sampled, rules);
        sampled.clear();
        assessments.addAll(labelAssessments);
        reserved.addAll(reservedFindings(runId, rules, labelTables, labels, sampler));
        times.mark("graph fields");

        List<Finding> unruled = PreflightAnalysis.unruledFindings(assessments);
        for (Assessment a : assessments) {
            if (a.unruledPersonal()) {
                LOG.warnf("preflight %s: %s looks personal (%s, %s) and no anonymization rule covers it; add %s",
                        runId, a.field().location(), a.classification().type(), a.classification().why(),
                        a.ruleSnippet());
            }
        }
        List<Finding> findings = new ArrayList<>(reserved);
        if (settings.enforce()) {
            findings.addAll(unruled);
        } else if (!unruled.isEmpty()) {
            LOG.warnf("preflight %s: %d personal-looking field(s) have no anonymization rule; not enforced"
                    + " (ferry.extractor.preflight.enforce=false), so the run goes ahead", runId, unruled.size());
        }
        findings.sort(PreflightAnalysis.FINDING_ORDER);
        long classified = assessments.size();
        if (!findings.isEmpty()) {
            LOG.infof("preflight %s: FAILED with %d finding(s), %d field(s) classified in %.1f s (%s)", runId,
                    findings.size(), classified, (System.nanoTime() - started) / 1e9, times);
            return new PreflightResult(runId, request.specHash(), request.attempt(), CheckStatus.FAILED, classified,
                    findings, null);
        }

        TokenDictionary dictionary = new TokenDictionary(settings.dictionaryKey());
        addDictionary(dictionary, snapshot.sources()::get, closure.relational(), labelAssessments, rules, labelTables,
                labels, sampler);
        times.mark("graph dictionary");
        dictionary.addAll(relationalTokens.join());
        times.mark("waiting for the relational dictionary");
        writeDictionary(runId, dictionary);
        LOG.infof("preflight %s: PASSED, %d field(s) classified, %d dictionary token(s), in %.1f s (%s; closure: %s)",
                runId, classified, dictionary.size(), (System.nanoTime() - started) / 1e9, times, closure.timings());
        return new PreflightResult(runId, request.specHash(), request.attempt(), CheckStatus.PASSED, classified,
                List.of(), null);
    }

    /** Reserved ranges: PROD must not hold what generated values will look like, in any ruled field of {@code tables}. */
    private List<Finding> reservedFindings(String runId, RuleIndex rules, Map<TableId, Table> tables,
            Map<TableId, GraphPlan> labels, ProdSampler sampler) {
        ReservedRanges ranges = settings.reservedRanges();
        List<Finding> reserved = new ArrayList<>();
        Map<TableId, List<PgFields.ReservedScan>> pgScans = new LinkedHashMap<>();
        for (RuleIndex.Ruled rule : rules.rules()) {
            Optional<DataType> type = rule.dataType().filter(DataType::hasReservedRange);
            Table table = tables.get(rule.table());
            if (type.isEmpty() || table == null) {
                continue;
            }
            if (rule.path() != null && !JsonLeaves.isPlain(rule.path())) {
                LOG.warnf("preflight %s: %s path %s goes through an array; its reserved range is not scanned", runId,
                        rule.table(), rule.path());
                continue;
            }
            if (rule.property()) {
                if (sampler.graph(rule.table().store()).holdsReserved(table, rule, type.get(), ranges)) {
                    reserved.add(reservedFinding(runId, table, rule, type.get()));
                }
            } else {
                pgScans.computeIfAbsent(rule.table(), k -> new ArrayList<>()).add(new PgFields.ReservedScan(rule, type.get()));
            }
        }
        pgScans.forEach((id, scans) -> {
            Table table = tables.get(id);
            boolean[] held = sampler.postgres(id.store()).holdsReserved(table, scans, ranges);
            for (int i = 0; i < held.length; i++) {
                if (held[i]) {
                    reserved.add(reservedFinding(runId, table, scans.get(i).rule(), scans.get(i).type()));
                }
            }
        });
        return reserved;
    }

    private static Finding reservedFinding(String runId, Table table, RuleIndex.Ruled rule, DataType type) {
        Field field = rule.field(table.column(rule.name()).map(c -> c.type()).orElse("text"));
        LOG.warnf("preflight %s: PROD holds a value of %s inside the range reserved for generated %s values", runId,
                field.location(), type.specName());
        return new Finding(field.store(), field.tableText(), field.fieldText(), Problem.VALUE_IN_RESERVED_RANGE, null);
    }

    /** Checks every PostgreSQL store of the spec is in a read-only session, and logs the server's mode. */
    private static void requireReadOnly(String runId, Spec spec, ProdSampler sampler) {
        for (Store store : spec.stores().values()) {
            if (store.kind() != StoreKind.POSTGRES) {
                continue;
            }
            PgFields.Mode mode = sampler.postgres(store.name()).mode();
            if (!mode.readOnly()) {
                throw PreflightFailures.fatal("PROD_NOT_READ_ONLY", "store " + store.name()
                        + " (prod): the session is not read-only; Ferry reads PROD only in read-only sessions", null);
            }
            LOG.infof("preflight %s: store %s (prod) is %s; the session is read-only", runId, store.name(),
                    mode.inRecovery() ? "a hot standby in recovery" : "a primary (not in recovery)");
        }
    }

    /** Tables, labels (and relationship types) with at least one row or node in the district's closure. */
    private static Set<TableId> copiedTables(Plan plan) {
        Set<TableId> ids = new TreeSet<>();
        for (Plan.TableRows t : plan.tables()) {
            if (t.rows() > 0) {
                ids.add(new TableId(t.store(), t.schema(), t.name()));
            }
        }
        return ids;
    }

    /**
     * Adds to the dictionary the name and identifier tokens of {@code tables} (relational tables, or labels with
     * their graph plans) in the district's rows: the fields assessed or ruled as such.
     */
    private static void addDictionary(TokenDictionary dictionary, Function<String, RowSource> sources, Closure relational,
            List<Assessment> assessments, RuleIndex rules, Map<TableId, Table> tables, Map<TableId, GraphPlan> labels,
            ProdSampler sampler) {
        Map<TableId, Map<Field, DataType>> fields = new LinkedHashMap<>();
        for (Assessment a : assessments) {
            a.effectiveType().filter(DataType::inDictionary).ifPresent(t -> fields
                    .computeIfAbsent(a.field().table(), k -> new LinkedHashMap<>()).put(a.field(), t));
        }
        for (RuleIndex.Ruled r : rules.rules()) {
            Table table = tables.get(r.table());
            if (table != null && r.dataType().filter(DataType::inDictionary).isPresent()) {
                Field field = r.field(table.column(r.name()).map(c -> c.type()).orElse("text"));
                fields.computeIfAbsent(r.table(), k -> new LinkedHashMap<>()).putIfAbsent(field, r.dataType().get());
            }
        }
        // A whole-column rule on a JSON column names the column; its leaves were classified one by one.
        fields.values().forEach(m -> m.keySet().removeIf(f -> f.kind() == Field.Kind.COLUMN
                && Optional.ofNullable(tables.get(f.table())).flatMap(t -> t.column(f.name()))
                        .map(c -> c.type().startsWith("json")).orElse(false)));

        fields.forEach((id, byField) -> {
            if (byField.isEmpty() || !tables.containsKey(id)) {
                return;
            }
            if (id.schema().equals(TableId.LABELS)) {
                Map<String, DataType> properties = new LinkedHashMap<>();
                byField.forEach((f, t) -> properties.put(f.name(), t));
                sampler.graph(id.store()).dictionary(id, properties, labels.get(id), dictionary);
            } else {
                PgFields.dictionary(tables.get(id), byField, relational, sources.apply(id.store()), dictionary);
            }
        });
    }

    /** Writes the district's hashed tokens to {@code {runId}/dictionary/tokens.txt}. */
    private void writeDictionary(String runId, TokenDictionary dictionary) {
        Path file = null;
        try {
            file = Files.createTempFile("ferry-dictionary-", ".txt");
            dictionary.writeTo(file);
            staging.put(dictionaryKey(runId), file);
        } catch (IOException | StagingException e) {
            throw ExtractionFailure.transientFailure("STAGING_FAILED", "writing " + dictionaryKey(runId)
                    + " to staging failed", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warnf("preflight %s: could not delete the local dictionary file %s", runId, file);
                }
            }
        }
    }
}
