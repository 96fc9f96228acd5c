package io.ferry.extractor.extraction;

import io.ferry.service.faults.KillPoint;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.FileKey;
import io.ferry.contracts.Phase;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.CrossTenantPolicy;
import io.ferry.contracts.messages.DanglingPolicy;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.ExtractResult.CrossTenantRows;
import io.ferry.contracts.messages.ExtractResult.DanglingReferences;
import io.ferry.contracts.messages.ExtractResult.TableBatches;
import io.ferry.contracts.messages.Progress;
import io.ferry.contracts.ids.RunId;
import io.ferry.planning.ClosureException;
import io.ferry.planning.ClosureRules;
import io.ferry.planning.Plan;
import io.ferry.planning.ReadRefusedException;
import io.ferry.planning.Tuple;
import io.ferry.planning.UnknownDistrictException;
import io.ferry.planning.graph.GraphPlan;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdAccessException;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.introspect.SchemaFingerprint;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.model.Store;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Extracts one store: opens PROD read-only, computes the district's closure, writes the key sets that other
 * stores' links need, then, for a PostgreSQL store, streams each table's rows of the closure into encrypted
 * batches with parallel sessions that share the store's snapshot, largest tables first; for a Neo4j store,
 * reads the graph plan's nodes per label and relationships per type in one read transaction
 * ({@link GraphStoreReader}).
 *
 * <p>The closure is computed over every relational store of the spec (each in its own snapshot), so a
 * store's closure is the same one {@code ferry plan} reports; the store being extracted is planned and
 * read in one snapshot.
 */
public final class SnapshotStoreExtractor implements StoreExtractor {

    private final Staging staging;
    private final ExtractionSettings settings;
    private final Supplier<FileKey> rawKey;
    private final Path tempDir;
    private final int graphChunk;
    private final PlannedRuns runs;

    /** @param runs the runs' plans, shared with the preflight, which plans a run before its extractions */
    public SnapshotStoreExtractor(Staging staging, ExtractionSettings settings, Supplier<FileKey> rawKey, Path tempDir,
            PlannedRuns runs) {
        this(staging, settings, rawKey, tempDir, runs, GraphStoreReader.CHUNK);
    }

    /** @param graphChunk nodes or relationships per graph query (tests cross chunk boundaries with small graphs) */
    SnapshotStoreExtractor(Staging staging, ExtractionSettings settings, Supplier<FileKey> rawKey, Path tempDir,
            PlannedRuns runs, int graphChunk) {
        this.staging = staging;
        this.settings = settings;
        this.rawKey = rawKey;
        this.tempDir = createdDirectory(tempDir);
        this.graphChunk = graphChunk;
        this.runs = runs;
    }

    @Override
    public ExtractResult extract(ExtractRequest request, LoadedSpec loaded, ExtractionListener listener) {
        Store store = loaded.spec().stores().get(request.store());
        if (store == null) {
            throw ExtractionFailure.fatal("UNKNOWN_STORE", "the spec " + request.specHash() + " has no store "
                    + request.store());
        }
        boolean graph = store.kind() == StoreKind.NEO4J;
        if (graph && !namesGraphRoots(loaded, request.store())) {
            throw notPlanned(request.store());
        }
        FileKey key = rawKey.get();
        try (PlannedRuns.Lease run = runs.lease(request, loaded)) {
            ProdSnapshot snapshot = run.snapshot();
            Deadline deadline = new Deadline(run.openedNanos(), settings.maxSnapshotAge());
            Set<TableId> keySets = KeySets.linkTargets(loaded.spec(), request.store());
            List<TableBatches> batches;
            Plan plan;
            List<CrossTenantRows> crossTenant;
            if (graph) {
                DistrictClosure closure = run.closure();
                refuseViolations(closure.failures(), request);
                GraphPlan graphPlan = closure.graphs().stream().filter(g -> g.store().equals(request.store()))
                        .findFirst().orElseThrow(() -> notPlanned(request.store()));
                List<GraphStoreReader.Layout> layouts = GraphStoreReader.layouts(graphPlan, snapshot.fullSchema());
                KeySets.writeGraph(staging, request, graphPlan, layouts, keySets, key, tempDir);
                batches = new GraphStoreReader(staging, settings, tempDir, graphChunk).read(request, snapshot, graphPlan,
                        layouts, key, listener, deadline);
                plan = closure.plan();
                crossTenant = crossTenant(closure, request.store());
            } else {
                // A relational store needs the relational closure alone: its rows, cross-tenant rows and dangling
                // references are all in it. So it is read, and reports, while the graph stores may still be closed
                // beside it (when this process's preflight did not plan the run), in one session fewer while those
                // hold one of their own. A graph's 'fail' policy violation fails the graph store's extraction.
                DistrictClosure.Relational relational = run.relational();
                refuseViolations(relational.failures(), request);
                int sessions = settings.maxConnectionsPerStore() - (run.graphsRunning() ? 1 : 0);
                List<Table> tables = tablesOf(snapshot, relational, request.store());
                batches = readTables(request, snapshot, relational, tables, keySets, key, listener, deadline, sessions);
                plan = relational.closure().plan();
                crossTenant = crossTenant(plan, relational.rules(), Set.of(), request.store());
            }
            run.extracted();
            return new ExtractResult(request.runId(), request.specHash(), request.attempt(), request.store(), batches,
                    StagingLayout.keys(RunId.parse(request.runId()), request.store()), dangling(plan, request.store()),
                    crossTenant, null);
        } catch (ProdAccessException e) {
            throw ExtractionFailure.of(e);
        } catch (UnknownDistrictException e) {
            throw ExtractionFailure.fatal("UNKNOWN_DISTRICT", e.getMessage());
        } catch (ReadRefusedException e) {
            throw ExtractionFailure.fatal("PROD_REFUSED", e.getMessage());
        } catch (ClosureException | IllegalArgumentException e) {
            throw ExtractionFailure.fatal("CLOSURE_FAILED", e.getMessage());
        }
    }

    /** Whether the spec's {@code closure.graph.roots} name a label of {@code store}: only then is it planned. */
    private static boolean namesGraphRoots(LoadedSpec loaded, String store) {
        var closure = loaded.spec().closure();
        return closure != null && closure.graph() != null
                && closure.graph().roots().stream().anyMatch(r -> r.table().store().equals(store));
    }

    private static ExtractionFailure notPlanned(String store) {
        return ExtractionFailure.fatal("GRAPH_NOT_PLANNED", "graph store " + store + " has no closure plan: add a root of it"
                + " ('" + store + ":Label(property)', with a link to the tenant table) to the spec's closure.graph.roots"
                + " and the relationship types to traverse to closure.graph.follow");
    }

    private static void refuseViolations(List<String> failures, ExtractRequest request) {
        if (!failures.isEmpty()) {
            throw ExtractionFailure.fatal("CLOSURE_POLICY", failures.size()
                    + " closure policy violation(s) (a 'fail' policy for dangling references or cross-tenant rows);"
                    + " 'ferry plan --district " + request.district() + "' lists them");
        }
    }

    /** Rows per table of the store, as the plan counts them. */
    private static Map<TableId, Long> planRows(DistrictClosure.Relational closure, String store) {
        Map<TableId, Long> rows = new LinkedHashMap<>();
        for (Plan.TableRows t : closure.closure().plan().tables()) {
            if (t.store().equals(store)) {
                rows.put(new TableId(t.store(), t.schema(), t.name()), t.rows());
            }
        }
        return rows;
    }

    /** The store's tables in the closure (not excluded, not assumed present), largest first. */
    private static List<Table> tablesOf(ProdSnapshot snapshot, DistrictClosure.Relational closure, String store) {
        Map<TableId, Long> rows = planRows(closure, store);
        List<TableId> decided;
        synchronized (closure.closure()) {
            decided = closure.closure().tables();
        }
        return decided.stream()
                .filter(rows::containsKey)
                .map(id -> snapshot.schema().table(id).orElseThrow())
                .sorted(Comparator.comparing((Table t) -> -rows.get(t.id())).thenComparing(Table::id))
                .toList();
    }

    /** @param sessionCap the most PROD sessions the reads may hold on the store */
    private List<TableBatches> readTables(ExtractRequest request, ProdSnapshot snapshot, DistrictClosure.Relational closure,
            List<Table> tables, Set<TableId> keySets, FileKey key, ExtractionListener listener, Deadline deadline,
            int sessionCap) {
        int workers = Math.max(1, Math.min(Math.min(sessionCap, settings.maxOpenWriters()), tables.size()));
        Connection main = snapshot.connection(request.store()).orElseThrow();
        List<Connection> sessions = new ArrayList<>();
        sessions.add(main);
        ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("extract-"
                + request.store() + "-", 0).factory());
        try {
            for (int i = 1; i < workers; i++) {
                sessions.add(snapshot.openSharing(request.store()));
            }
            for (Connection c : sessions) {
                searchPath(c, schemasOf(snapshot, request.store()));
            }
            LinkedBlockingQueue<Connection> free = new LinkedBlockingQueue<>(sessions);
            Map<TableId, Long> planned = planRows(closure, request.store());
            long total = tables.stream().mapToLong(t -> planned.getOrDefault(t.id(), 0L)).sum();
            AtomicLong done = new AtomicLong();
            long start = System.nanoTime();
            ExecutorCompletionService<TableBatches> work = new ExecutorCompletionService<>(pool);
            for (Table t : tables) {
                work.submit(() -> {
                    Connection c = free.take();
                    TableBatches batches = readTable(request, closure, t, keySets.contains(t.id()),
                            ReferenceNulling.of(snapshot.schema(), closure.closure(), closure.rules(), t), key, new TableReader(c),
                            listener, deadline, done, total, start);
                    // Only a session whose table finished goes back: a failed COPY may leave it unusable.
                    free.add(c);
                    return batches;
                });
            }
            List<TableBatches> result = new ArrayList<>();
            try {
                for (int i = 0; i < tables.size(); i++) {
                    // In completion order, so the first failure stops the others instead of waiting for them.
                    result.add(await(work));
                }
            } catch (RuntimeException e) {
                stop(pool, sessions);
                throw e;
            }
            result.sort(Comparator.comparing(TableBatches::schema).thenComparing(TableBatches::table));
            return result;
        } finally {
            pool.shutdownNow();
            for (Connection c : sessions.subList(1, sessions.size())) {
                closeQuietly(c);
            }
        }
    }

    private TableBatches readTable(ExtractRequest request, DistrictClosure.Relational closure, Table table, boolean keySet,
            ReferenceNulling nulling, FileKey key, TableReader reader, ExtractionListener listener, Deadline deadline,
            AtomicLong done, long total, long start) throws SQLException {
        String fingerprint = SchemaFingerprint.of(request.store(), List.of(table), List.of());
        BatchOutput.Target target = new BatchOutput.Target(request.runId(), request.specHash(), request.attempt(),
                request.store(), table.id().schema(), table.id().name(), BatchKind.TABLE, fingerprint, key.version());
        try (BatchOutput out = new BatchOutput(target, schemaOf(request.store(), table, fingerprint),
                options(key), settings, staging, listener, tempDir)) {
            long[] previous = {0};
            // Sorted once for both the key set and the reads; the closure's key sets are not safe for concurrent use.
            List<String> keyColumns;
            List<Tuple> keys;
            synchronized (closure.closure()) {
                keyColumns = closure.closure().keyColumns(table.id());
                keys = closure.closure().keys(table.id());
            }
            if (keySet) {
                KeySets.write(staging, request, table, keyColumns, keys, key, tempDir);
            }
            reader.read(table, closure.closure(), keyColumns, keys, nulling, out, rowsSoFar -> {
                deadline.check(request.store());
                KillPoint.reach(KillPoint.EXTRACTOR_MID_COPY);
                // The store's figures (its tables are read in parallel): no table named. Counted and sent under one
                // lock, or a table's older count could be sent after another's newer one and the store's last
                // message would not say it is done.
                synchronized (done) {
                    long all = done.addAndGet(rowsSoFar - previous[0]);
                    previous[0] = rowsSoFar;
                    double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
                    listener.progress(new Progress(request.runId(), Phase.EXTRACT, request.store(), null, all, total,
                            all / seconds, Instant.now()));
                }
            });
            return out.finish();
        }
    }

    private BatchWriterOptions options(FileKey key) {
        return BatchWriterOptions.defaults().withEncryption(key).withRowGroupSize(settings.rowGroupBytes());
    }

    static BatchSchema schemaOf(String store, Table table, String fingerprint) {
        List<BatchColumn> columns = table.columns().stream().map(c -> new BatchColumn(c.name(), c.type())).toList();
        return new BatchSchema(columns, Map.of("ferry.store", store, "ferry.table", table.id().schema() + "."
                + table.id().name(), "ferry.schemaFingerprint", fingerprint));
    }

    private static TableBatches await(ExecutorCompletionService<TableBatches> work) {
        try {
            return work.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExtractionFailure.transientFailure("INTERRUPTED", "the extraction was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ExtractionFailure f) {
                throw f;
            }
            if (cause instanceof SQLException sql) {
                throw SqlFailures.classify(sql);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause.getClass().getName());
        }
    }

    private static List<DanglingReferences> dangling(Plan plan, String store) {
        return plan.dangling().stream()
                .filter(d -> d.from().startsWith(store + ".") || d.from().startsWith(store + ":"))
                .map(d -> new DanglingReferences(d.from(), d.to(), d.count(),
                        DanglingPolicy.valueOf(d.policy().toUpperCase(java.util.Locale.ROOT))))
                .toList();
    }

    private static List<CrossTenantRows> crossTenant(DistrictClosure closure, String store) {
        // graph nodes the plan leaves out whatever the policy (their row stays in PROD) are reported as nullified
        Set<Plan.CrossTenantRow> leftOut = new java.util.HashSet<>();
        closure.graphs().forEach(g -> leftOut.addAll(g.leftOut()));
        return crossTenant(closure.plan(), closure.rules(), leftOut, store);
    }

    private static List<CrossTenantRows> crossTenant(Plan plan, ClosureRules rules, Set<Plan.CrossTenantRow> leftOut,
            String store) {
        CrossTenantPolicy policy = CrossTenantPolicy.valueOf(rules.crossTenant().name());
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        for (Plan.CrossTenantRow row : plan.crossTenant()) {
            if (row.store().equals(store)) {
                CrossTenantPolicy handled = leftOut.contains(row) ? CrossTenantPolicy.NULLIFY : policy;
                counts.merge(List.of(row.table(), row.owner(), handled.name()), 1L, Long::sum);
            }
        }
        List<CrossTenantRows> rows = new ArrayList<>();
        counts.forEach((k, n) -> {
            List<String> parts = TableId.splitQualified(k.get(0));
            rows.add(new CrossTenantRows(parts.get(0), parts.get(parts.size() - 1), k.get(1), n,
                    CrossTenantPolicy.valueOf(k.get(2))));
        });
        return rows;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // A read-only session: nothing to lose.
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                // Already gone.
            }
        }
    }

    /**
     * Stops the table readers after a failure: a JDBC read ignores interrupts, so each session's statement
     * is cancelled (over a separate connection to the server), then the readers are awaited, so none of them
     * stages a batch or reads the closure after the failure was reported.
     */
    private static void stop(ExecutorService pool, List<Connection> sessions) {
        pool.shutdownNow();
        for (Connection c : sessions) {
            try {
                c.unwrap(org.postgresql.PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                // The session is gone already.
            }
        }
        try {
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The store's schemas, as introspected: the type names in the schema model are unqualified for them. */
    private static List<String> schemasOf(ProdSnapshot snapshot, String store) {
        return snapshot.schema().store(store).map(st -> st.tables().stream().map(t -> t.id().schema()).distinct()
                .toList()).orElse(List.of());
    }

    /**
     * Casts use {@code format_type()} names, which the introspection computed with the store's schemas as
     * the search path (an enum in schema {@code app} is {@code role}, not {@code app.role}): every reading
     * session gets the same path, transaction-local.
     */
    private static void searchPath(Connection c, List<String> schemas) {
        if (schemas.isEmpty()) {
            return;
        }
        try (var ps = c.prepareStatement("SELECT set_config('search_path', ?, true)")) {
            ps.setString(1, String.join(", ", schemas.stream().map(sch -> '"' + sch.replace("\"", "\"\"") + '"').toList()));
            ps.executeQuery().close();
        } catch (SQLException e) {
            throw SqlFailures.classify(e);
        }
    }

    /** Stops an extraction whose snapshot has been open longer than allowed. */
    record Deadline(long startedNanos, java.time.Duration maxAge) {
        void check(String store) {
            if (System.nanoTime() - startedNanos > maxAge.toNanos()) {
                throw ExtractionFailure.fatal("SNAPSHOT_TOO_OLD", "store " + store + ": the snapshot is older than "
                        + maxAge + " (ferry.extractor.prod.max-snapshot-age); raise the limit or extract off-peak");
            }
        }
    }

    private static Path createdDirectory(Path base) {
        try {
            return Files.createDirectories(base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + base, e);
        }
    }
}
