package io.ferry.validator.work;

import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.schema.mapping.MappingIssue;
import io.ferry.schema.mapping.SchemaMapping;
import io.ferry.schema.mapping.TableMapping;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.InOrder;
import io.ferry.service.StepFailure;
import io.ferry.service.StepTimes;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.model.ConflictStrategy;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.model.TableMode;
import io.ferry.spec.model.ValidateRule;
import io.ferry.staging.Staging;
import io.ferry.validator.check.CertLookup;
import io.ferry.validator.check.CertStoreChecks;
import io.ferry.validator.check.CheckFailedException;
import io.ferry.validator.check.ClosureChecks;
import io.ferry.validator.check.DuckSession;
import io.ferry.validator.check.Findings;
import io.ferry.validator.check.GraphCertChecks;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.service.run.WorkFolders;

import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.Neo4jException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates one run: fetches its anonymized batches, maps every table onto CERT's live schema, runs the
 * checks inside the closure in DuckDB and the checks against CERT in CERT, and returns the verdict. Reads
 * CERT only; its temporary tables go with the session.
 */
public final class ValidationJob {

    private final Staging staging;
    private final ValidationSettings settings;
    private long rowsChecked;
    private long referenceChecks;
    private double integritySeconds;
    private StepTimes steps = new StepTimes();

    public ValidationJob(Staging staging, ValidationSettings settings) {
        this.staging = staging;
        this.settings = settings;
    }

    /** Rows of the run's batches the last validation read (for progress reports). */
    public long rowsChecked() {
        return rowsChecked;
    }

    /** Rows times references the last validation checked, and the seconds its reference step took. */
    public long referenceChecks() {
        return referenceChecks;
    }

    public double integritySeconds() {
        return integritySeconds;
    }

    /** Each step of the last validation (fetch, CERT schema, closure checks, CERT checks) and its time. */
    public StepTimes steps() {
        return steps;
    }

    public ValidateResult validate(ValidateRequest request, LoadedSpec loaded) {
        Spec spec = loaded.spec();
        Path work = WorkFolders.of(settings.workRoot(), request.runId(), request.attempt());
        try {
            WorkFolders.deleteTree(work);
            Files.createDirectories(work);
            steps = new StepTimes();
            Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(request.runId()),
                    work.resolve("batches"));
            rowsChecked = staged.values().stream().mapToLong(StagedTable::rows).sum();
            steps.mark("fetch");
            CertEstate cert = CertEstate.introspect(spec, loaded.resolver());
            steps.mark("cert-schema");
            Findings findings = new Findings();
            Map<TableId, TableMapping> mappings = mappings(spec, staged, cert, findings);
            List<CertLookup> lookups = closureChecks(spec, staged, cert, mappings, findings, work);
            steps.mark("closure-checks");
            certChecks(loaded, staged, cert, mappings, lookups, findings, request.district(), request.replacesRunId());
            steps.mark("cert-checks");
            return new ValidateResult(request.runId(), request.specHash(), request.attempt(), findings.status(),
                    findings.list(), cert.fingerprints(), null);
        } catch (IOException e) {
            throw StepFailure.transientFailure("WORK_FOLDER", "the validator's work folder failed: "
                    + e.getClass().getSimpleName(), e);
        } catch (SQLException e) {
            throw StepFailure.transientFailure("CHECK_FAILED", "a validation query failed (SQLSTATE "
                    + e.getSQLState() + ")", e);
        } catch (CheckFailedException e) {
            throw StepFailure.transientFailure("CHECK_FAILED", e.getMessage(), e);
        } catch (Neo4jException e) {
            throw StepFailure.transientFailure("CHECK_FAILED", "a check on a CERT graph failed (" + e.code() + ")", e);
        } finally {
            WorkFolders.deleteTree(work);
        }
    }

    /** Maps every relational table; graph batches carry properties, which CERT's graph takes as they are. */
    private static Map<TableId, TableMapping> mappings(Spec spec, Map<TableId, StagedTable> staged, CertEstate cert,
            Findings findings) {
        Map<TableId, TableMapping> mappings = new LinkedHashMap<>();
        for (StagedTable table : staged.values()) {
            if (table.graph()) {
                continue;
            }
            TableMapping mapping = SchemaMapping.map(spec.drift(), table.id(), table.prodColumns(),
                    cert.schema().table(table.id()).orElse(null));
            for (MappingIssue issue : mapping.issues()) {
                findings.add(issue.check(), issue.error() ? Severity.ERROR : Severity.WARNING, table.id(), issue.column(),
                        table.rows(), List.of());
            }
            mappings.put(table.id(), mapping);
        }
        return mappings;
    }

    private List<CertLookup> closureChecks(Spec spec, Map<TableId, StagedTable> staged, CertEstate cert,
            Map<TableId, TableMapping> mappings, Findings findings, Path work) throws SQLException {
        try (DuckSession duck = new DuckSession(work, settings.duckThreads(), settings.duckMemory())) {
            for (StagedTable table : staged.values()) {
                duck.register(table);
            }
            ClosureChecks checks = new ClosureChecks(duck, staged, cert.schema()::table, findings, settings.examples());
            for (Map.Entry<TableId, TableMapping> e : mappings.entrySet()) {
                if (e.getValue().loadable()) {
                    checks.columns(staged.get(e.getKey()), e.getValue());
                    checks.keys(staged.get(e.getKey()), e.getValue());
                }
            }
            Set<TableId> assumed = spec.closure().tables().entrySet().stream()
                    .filter(e -> e.getValue().mode() == TableMode.ASSUME_PRESENT).map(e -> e.getKey().table())
                    .collect(Collectors.toSet());
            long start = System.nanoTime();
            List<Reference> references = cert.schema().references().stream()
                    .filter(r -> staged.containsKey(r.from())).toList();
            List<CertLookup> lookups = checks.references(references,
                    t -> assumed.contains(t) && !staged.containsKey(t));
            integritySeconds = (System.nanoTime() - start) / 1e9;
            referenceChecks = checks.referenceChecks();
            return lookups;
        }
    }

    /** Uniqueness of each linked label's merge key against the store's CERT graph. */
    private void graphChecks(LoadedSpec loaded, Store store, Map<TableId, StagedTable> staged, Findings findings) {
        Spec spec = loaded.spec();
        List<Link> linked = spec.links().stream().filter(l -> l.from().table().store().equals(store.name())
                && l.from().table().schema().equals(TableId.LABELS) && l.from().columns().size() == 1
                && staged.containsKey(l.from().table())).toList();
        if (linked.isEmpty()) {
            return;
        }
        try (Driver graph = CertEstate.openGraph(store, loaded.resolver())) {
            GraphCertChecks checks = new GraphCertChecks(graph, findings, settings.examples());
            Set<TableId> done = new java.util.HashSet<>();
            for (Link link : linked) {
                // The first link of a label names its merge key, as init-target and the loader take it.
                if (done.add(link.from().table())) {
                    checks.mergeKey(staged.get(link.from().table()), link.from().columns().get(0),
                            KeyRewrites.strategy(spec, link.to().table()) == ConflictStrategy.REMAP ? "remap" : "merge");
                }
            }
        }
    }

    /**
     * The checks against CERT, store by store on their own sessions (a graph's: the merge keys), several stores at
     * once; each store's findings are kept apart and added in the spec's order, so the report does not depend on which
     * store finished first.
     *
     * @param replacedRun the run a refresh swaps out, or null
     */
    private void certChecks(LoadedSpec loaded, Map<TableId, StagedTable> staged, CertEstate cert,
            Map<TableId, TableMapping> mappings, List<CertLookup> lookups, Findings findings, String district,
            String replacedRun)
            throws SQLException, IOException {
        List<Store> stores = List.copyOf(loaded.spec().stores().values());
        List<Findings> each;
        try {
            each = InOrder.map(stores, CertEstate.PARALLEL_STORES, "cert-checks", store -> {
                Findings own = new Findings();
                try {
                    if (store.kind() == StoreKind.NEO4J) {
                        graphChecks(loaded, store, staged, own);
                    } else {
                        certChecks(loaded, store, staged, cert, mappings, lookups, own, district, replacedRun);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return own;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        each.forEach(findings::addAll);
    }

    private void certChecks(LoadedSpec loaded, Store store, Map<TableId, StagedTable> staged, CertEstate cert,
            Map<TableId, TableMapping> mappings, List<CertLookup> lookups, Findings findings, String district,
            String replacedRun) throws SQLException, IOException {
        Spec spec = loaded.spec();
        List<TableId> tables = mappings.keySet().stream().filter(t -> t.store().equals(store.name())
                && mappings.get(t).loadable()).toList();
        List<CertLookup> storeLookups = lookups.stream()
                .filter(l -> l.reference().to().store().equals(store.name())).toList();
        if (tables.isEmpty() && storeLookups.isEmpty()) {
            return;
        }
        try (Connection c = CertEstate.checkSession(store, loaded.resolver(), settings.statementTimeout())) {
            CertStoreChecks checks = new CertStoreChecks(c, findings, settings.examples(), district, replacedRun);
            for (TableId t : tables) {
                Table target = cert.schema().table(t).orElseThrow();
                List<ValidateRule> rules = spec.validate().stream().filter(r -> r.table().equals(t)).toList();
                checks.table(staged.get(t), target, mappings.get(t), rules, KeyRewrites.strategy(spec, t),
                        KeyRewrites.remapped(spec, cert.schema(), t));
            }
            for (CertLookup lookup : storeLookups) {
                checks.lookup(lookup, cert.schema().table(lookup.reference().to()).orElseThrow());
            }
            c.rollback();
        }
    }
}
