package io.ferry.validator.verify;

import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.VerifyRequest;
import io.ferry.contracts.messages.VerifyResult;
import io.ferry.contracts.messages.VerifyStatus;
import io.ferry.schema.mapping.SchemaMapping;
import io.ferry.schema.mapping.TableMapping;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.StepFailure;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.service.run.WorkFolders;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.connect.StoreConnector;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.staging.Staging;
import io.ferry.validator.check.CertLookup;
import io.ferry.validator.check.CertStoreChecks;
import io.ferry.validator.check.Findings;
import io.ferry.validator.work.CertEstate;
import io.ferry.validator.work.KeyRewrites;
import io.ferry.validator.work.ValidationSettings;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.Neo4jException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a finished run: what every CERT store holds for it now, against its ledger, its load counts and its
 * anonymized batches (kept for the staging retention; without them the ledger checks still run and each table says
 * so in a warning), and every reference from the run's rows resolves in CERT, across stores too. {@code VALID}
 * unless an error was found. Reads CERT only; its temporary tables go with the session.
 */
public final class VerifyJob {

    /** Under the work root: a verify's request folders, apart from validation's (a run may be validated again). */
    public static final String WORK_FOLDER = "verify";

    private final Staging staging;
    private final ValidationSettings settings;

    public VerifyJob(Staging staging, ValidationSettings settings) {
        this.staging = staging;
        this.settings = settings;
    }

    public VerifyResult verify(VerifyRequest request, LoadedSpec loaded) {
        Spec spec = loaded.spec();
        Path work = WorkFolders.of(settings.workRoot().resolve(WORK_FOLDER), request.runId(), request.attempt());
        try {
            WorkFolders.deleteTree(work);
            Files.createDirectories(work);
            Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(request.runId()), work);
            CertEstate cert = CertEstate.introspect(spec, loaded.resolver());
            Findings findings = new Findings();
            List<CertLookup> lookups = new ArrayList<>();
            for (Store store : spec.stores().values()) {
                if (store.kind() == StoreKind.NEO4J) {
                    graph(request.runId(), store, loaded, staged, cert, findings, lookups);
                } else {
                    postgres(request.runId(), store, loaded, staged, cert, findings, lookups);
                }
            }
            lookUp(loaded, cert, lookups, findings);
            VerifyStatus status = findings.list().stream().anyMatch(f -> f.severity() == Severity.ERROR)
                    ? VerifyStatus.INVALID : VerifyStatus.VALID;
            return new VerifyResult(request.runId(), request.specHash(), request.attempt(), status, findings.list(), null);
        } catch (IOException e) {
            throw StepFailure.transientFailure("WORK_FOLDER", "the validator's work folder failed: "
                    + e.getClass().getSimpleName(), e);
        } catch (SQLException e) {
            throw StepFailure.transientFailure("CHECK_FAILED", "a verify query failed (SQLSTATE " + e.getSQLState() + ")", e);
        } catch (Neo4jException e) {
            throw StepFailure.transientFailure("CHECK_FAILED", "a verify query on a CERT graph failed (" + e.code() + ")", e);
        } finally {
            WorkFolders.deleteTree(work);
        }
    }

    private void postgres(String runId, Store store, LoadedSpec loaded, Map<TableId, StagedTable> staged,
            CertEstate cert, Findings findings, List<CertLookup> lookups) throws SQLException {
        try (Connection c = session(store, loaded)) {
            PostgresRunCheck check = new PostgresRunCheck(c, runId, findings, settings.examples());
            if (!run(store.name(), check.status(), findings)) {
                c.rollback();
                return;
            }
            Map<String, PostgresRunCheck.Counts> counts = check.counts();
            Set<TableId> loadedTables = new HashSet<>();
            for (Map.Entry<String, PostgresRunCheck.Counts> e : counts.entrySet()) {
                List<String> name = TableId.splitQualified(e.getKey());
                TableId id = new TableId(store.name(), name.get(0), name.get(1));
                Table target = cert.schema().table(id).orElse(null);
                if (target == null) {
                    findings.add("verify.schema", Severity.ERROR, id, null, e.getValue().held(), List.of());
                    continue;
                }
                loadedTables.add(id);
                StagedTable batches = batches(staged, id, findings);
                TableMapping mapping = batches == null ? null
                        : SchemaMapping.map(loaded.spec().drift(), id, batches.prodColumns(), target);
                check.table(target, e.getValue(), batches, mapping, KeyRewrites.rewritten(loaded.spec(), cert.schema(), id));
            }
            notLoaded(store.name(), staged, loadedTables, findings);
            for (Reference r : cert.schema().references()) {
                if (loadedTables.contains(r.from()) && r.origin() != Reference.Origin.GRAPH) {
                    lookups.add(check.referenced(cert.schema().table(r.from()).orElseThrow(), r));
                }
            }
            c.rollback();
        }
    }

    private void graph(String runId, Store store, LoadedSpec loaded, Map<TableId, StagedTable> staged,
            CertEstate cert, Findings findings, List<CertLookup> lookups) {
        try (Driver driver = StoreConnector.openNeo4j(store.name(), "cert", loaded.resolver().resolve(store.cert()))) {
            GraphRunCheck check = new GraphRunCheck(driver, store.name(), runId, findings, settings.examples());
            if (!run(store.name(), check.status(), findings)) {
                return;
            }
            List<TableCounts> counts = check.counts();
            Set<TableId> loadedTables = new HashSet<>();
            for (TableCounts c : counts) {
                TableId id = new TableId(store.name(), c.schema(), c.table());
                loadedTables.add(id);
                check.table(c, batches(staged, id, findings));
            }
            notLoaded(store.name(), staged, loadedTables, findings);
            for (Reference r : cert.schema().references()) {
                if (loadedTables.contains(r.from()) && r.origin() == Reference.Origin.LINK && !r.composite()) {
                    lookups.add(check.referenced(r));
                }
            }
        }
    }

    /** Whether the store holds the run as loaded: every store of a finished run has its record of it. */
    private static boolean run(String store, String status, Findings findings) {
        TableId runs = new TableId(store, "ferry", "run");
        if (status == null) {
            findings.add("verify.run-missing", Severity.ERROR, runs, null, 0, List.of());
            return false;
        }
        if (!status.equals("loaded")) {
            findings.add("verify.run-" + status, Severity.ERROR, runs, null, 0, List.of());
            return false;
        }
        return true;
    }

    private static StagedTable batches(Map<TableId, StagedTable> staged, TableId id, Findings findings) {
        StagedTable batches = staged.get(id);
        if (batches == null) {
            findings.add("verify.batches", Severity.WARNING, id, null, 0, List.of());
        }
        return batches;
    }

    /** Batches with rows for a table the store has no load counts for: rows that never arrived. */
    private static void notLoaded(String store, Map<TableId, StagedTable> staged, Set<TableId> loaded, Findings findings) {
        for (StagedTable t : staged.values()) {
            if (t.id().store().equals(store) && t.rows() > 0 && !loaded.contains(t.id())) {
                findings.add("verify.rows", Severity.ERROR, t.id(), null, t.rows(), List.of());
            }
        }
    }

    /** Looks every collected reference up in its target store's CERT database (graph targets are not looked up). */
    private void lookUp(LoadedSpec loaded, CertEstate cert, List<CertLookup> lookups, Findings findings)
            throws SQLException, IOException {
        for (Store store : loaded.spec().stores().values()) {
            List<CertLookup> here = lookups.stream().filter(l -> l.reference().to().store().equals(store.name())
                    && !l.keys().isEmpty()).toList();
            if (store.kind() == StoreKind.NEO4J || here.isEmpty()) {
                continue;
            }
            try (Connection c = session(store, loaded)) {
                CertStoreChecks checks = new CertStoreChecks(c, findings, settings.examples(), null, null);
                for (CertLookup lookup : here) {
                    Table to = cert.schema().table(lookup.reference().to()).orElse(null);
                    if (to != null) {
                        checks.lookup(lookup, to);
                    }
                }
                c.rollback();
            }
        }
    }

    private Connection session(Store store, LoadedSpec loaded) throws SQLException {
        return CertEstate.checkSession(store, loaded.resolver(), settings.statementTimeout());
    }
}
