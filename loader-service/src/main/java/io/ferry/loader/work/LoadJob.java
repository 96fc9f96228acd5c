package io.ferry.loader.work;

import io.ferry.service.faults.KillPoint;
import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchSchema;
import io.ferry.cert.DatabaseIdentity;
import io.ferry.cert.PostgresTarget;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.LoadRequest;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.LoadResult.TableCounts;
import io.ferry.loader.load.DecidedMaps;
import io.ferry.loader.load.ForeignMap;
import io.ferry.loader.load.KeyMapSource;
import io.ferry.loader.load.GraphLinkMaps;
import io.ferry.loader.load.GraphStoreLoad;
import io.ferry.loader.load.PgStoreLoad;
import io.ferry.loader.load.RunInfo;
import io.ferry.schema.introspect.Neo4jIntrospector;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.TableId;
import io.ferry.service.StepFailure;
import io.ferry.service.StepTimes;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.service.run.WorkFolders;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.staging.Staging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.neo4j.driver.Driver;
import org.jboss.logging.Logger;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * Loads one store of a run ({@link PgStoreLoad}, {@link GraphStoreLoad}) as a load request asks: checks that CERT's schema is the one
 * the validator checked, fetches the store's anonymized batches, reads the key maps of the stores it references,
 * and answers a request for a run the store already committed from what the store recorded then, without
 * loading again. The loader holds no PROD credentials: it refuses PROD by the identities init-target recorded.
 */
public final class LoadJob {

    private static final Logger LOG = Logger.getLogger(LoadJob.class);

    private final Staging staging;
    private final LoaderSettings settings;
    private long rows;
    private boolean loadedBefore;
    private StepTimes steps = new StepTimes();

    public LoadJob(Staging staging, LoaderSettings settings) {
        this.staging = staging;
        this.settings = settings;
    }

    /** Rows of the store's batches the last load read. */
    public long rows() {
        return rows;
    }

    /** The steps of the last load and their times (none when it was answered from the store's record). */
    public StepTimes steps() {
        return steps;
    }

    /** Whether the last request found its run already committed to the store (a redelivery). */
    public boolean loadedBefore() {
        return loadedBefore;
    }

    public LoadResult load(LoadRequest request, LoadedSpec loaded) {
        Spec spec = loaded.spec();
        Store store = spec.store(request.store()).orElseThrow(() -> StepFailure.fatal("UNKNOWN_STORE", "the spec "
                + request.specHash() + " has no store " + request.store()));
        // Its own folder: other stores of the run may be loading beside it.
        Path work = WorkFolders.of(settings.workRoot(), request.runId(), request.attempt(), store.name());
        rows = 0;
        loadedBefore = false;
        steps = new StepTimes();
        if (store.kind() == StoreKind.NEO4J) {
            return loadGraph(request, loaded, store, work);
        }
        try {
            return loadPostgres(request, loaded, store, work);
        } catch (StepFailure failure) {
            // The stores waiting for this one's key maps wait on while it is retried, and give up when it is not.
            boolean retried = failure.isTransient() && !LoadResult.NOT_BEGUN.equals(failure.failure().code());
            mark(store, loaded, request.runId(), retried ? DecidedMaps.State.RETRYING : DecidedMaps.State.FAILED);
            throw failure;
        }
    }

    private LoadResult loadPostgres(LoadRequest request, LoadedSpec loaded, Store store, Path work) {
        Spec spec = loaded.spec();
        try (Connection cert = CertSessions.open(store, loaded.resolver())) {
            Optional<List<TableCounts>> earlier = PgStoreLoad.loadedBefore(cert, store.name(), request.runId());
            if (earlier.isPresent()) {
                loadedBefore = true;
                return result(request, earlier.get());
            }
            // First, so that stores sent with this attempt wait for it rather than give up on an earlier one's failure.
            DecidedMaps.mark(cert, request.runId(), DecidedMaps.State.LOADING);
            sameSchema(request, store, new PostgresIntrospector().introspect(cert, store.name(), store.schemas())
                    .fingerprint());
            Map<TableId, StagedTable> staged = fetch(request, store, work);
            RunInfo run = runInfo(request, staged);
            PgStoreLoad load = new PgStoreLoad(settings.timeouts(), maps -> {
                try (Connection side = CertSessions.open(store, loaded.resolver())) {
                    DecidedMaps.publish(side, store.name(), request.runId(), maps);
                }
            });
            List<TableCounts> counts = load.load(cert, spec, store.name(), prod(cert), run, staged,
                    foreign(spec, store.name(), request, loaded));
            steps = load.steps();
            KillPoint.reach(KillPoint.LOADER_AFTER_COMMIT);
            return result(request, counts);
        } catch (SQLException e) {
            throw CertSessions.failure(store.name(), "loading", e);
        } catch (IOException e) {
            throw StepFailure.transientFailure("WORK_FOLDER", "the loader's work folder failed: "
                    + e.getClass().getSimpleName(), e);
        } catch (RuntimeException e) {
            throw CertSessions.failure(e);
        } finally {
            WorkFolders.deleteTree(work);
        }
    }

    private LoadResult loadGraph(LoadRequest request, LoadedSpec loaded, Store store, Path work) {
        Spec spec = loaded.spec();
        try (Driver cert = CertSessions.openGraph(store, loaded.resolver())) {
            Optional<List<TableCounts>> earlier = GraphStoreLoad.loadedBefore(cert, store.name(), request.runId(),
                    settings.timeouts());
            if (earlier.isPresent()) {
                loadedBefore = true;
                return result(request, earlier.get());
            }
            sameSchema(request, store, new Neo4jIntrospector().constraintsFingerprint(cert, store.name()));
            Map<TableId, StagedTable> staged = fetch(request, store, work);
            steps.mark("fetch");
            RunInfo run = runInfo(request, staged);
            Map<String, Map<String, String>> linkMaps;
            try {
                linkMaps = GraphLinkMaps.read(spec, store.name(), decided(request),
                        other -> CertSessions.open(other, loaded.resolver()));
            } catch (SQLException e) {
                throw CertSessions.failure(store.name(), "reading the key maps its links follow", e);
            }
            // The maps were read once the stores its links point at had decided them: this step is mostly that wait.
            steps.mark("key maps");
            List<TableCounts> counts = new GraphStoreLoad(settings.timeouts(), steps).load(cert, spec, store.name(), run,
                    staged, linkMaps);
            return result(request, counts);
        } catch (IOException e) {
            throw StepFailure.transientFailure("WORK_FOLDER", "the loader's work folder failed: "
                    + e.getClass().getSimpleName(), e);
        } catch (Neo4jException e) {
            throw StepFailure.transientFailure("CERT_FAILED", "store " + store.name() + " (cert): " + e.code(), e);
        } catch (RuntimeException e) {
            throw CertSessions.failure(e);
        } finally {
            WorkFolders.deleteTree(work);
        }
    }

    /** CERT's schema must be the one the validator checked. */
    private static void sameSchema(LoadRequest request, Store store, String fingerprint) {
        if (!fingerprint.equals(request.certSchemaFingerprint())) {
            throw StepFailure.fatal("CERT_SCHEMA_CHANGED", "store " + store.name() + " (cert): the schema changed since"
                    + " validation (fingerprint " + fingerprint + ", validated " + request.certSchemaFingerprint()
                    + "); validate the run again");
        }
    }

    /** The store's batches, copied into the request's work folder. */
    private Map<TableId, StagedTable> fetch(LoadRequest request, Store store, Path work) throws IOException {
        WorkFolders.deleteTree(work);
        Files.createDirectories(work);
        Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(request.runId()), store.name(), work);
        rows = staged.values().stream().mapToLong(StagedTable::rows).sum();
        return staged;
    }

    private static RunInfo runInfo(LoadRequest request, Map<TableId, StagedTable> staged) throws IOException {
        return new RunInfo(request.runId(), request.district(), request.specHash(), keyVersion(staged), "loader",
                request.replacesRunId());
    }

    private static LoadResult result(LoadRequest request, List<TableCounts> counts) {
        return new LoadResult(request.runId(), request.specHash(), request.attempt(), request.store(), counts, null);
    }

    /** The PROD databases init-target recorded here; none when the store is not prepared (the load refuses it). */
    private static List<DatabaseIdentity> prod(Connection cert) throws SQLException {
        return PostgresTarget.marker(cert).isPresent() ? PostgresTarget.rememberedProd(cert) : List.of();
    }

    /**
     * The key maps of other stores' remapped tables this store references, read from those stores' CERT once their
     * loads decided them.
     */
    private List<ForeignMap> foreign(Spec spec, String store, LoadRequest request, LoadedSpec loaded) {
        List<ForeignMap> maps = new ArrayList<>();
        for (TableId table : ForeignMap.needed(spec, store)) {
            Store other = spec.store(table.store()).orElseThrow();
            try (Connection c = CertSessions.open(other, loaded.resolver())) {
                maps.add(ForeignMap.read(c, other.schemas(), table, decided(request)));
            } catch (SQLException e) {
                throw CertSessions.failure(other.name(), "reading the key map of " + table.qualified(), e);
            }
        }
        return maps;
    }

    private KeyMapSource decided(LoadRequest request) {
        return KeyMapSource.decided(request.runId(), request.district(), settings.mapWait());
    }

    /** Best effort: CERT unreachable leaves the mark as it was, and the stores waiting for it time out. */
    private static void mark(Store store, LoadedSpec loaded, String runId, DecidedMaps.State state) {
        try (Connection side = CertSessions.open(store, loaded.resolver())) {
            DecidedMaps.mark(side, runId, state);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("load %s store %s: could not mark its key maps %s (%s)", runId, store.name(), state,
                    e.getClass().getSimpleName());
        }
    }

    /**
     * The anonymization key version the batches name (0 when they name none); batches of one run made with two
     * versions would mix fake values, so they are refused.
     */
    static int keyVersion(Map<TableId, StagedTable> staged) throws IOException {
        TreeSet<String> versions = new TreeSet<>();
        for (StagedTable table : staged.values()) {
            for (Path file : table.files()) {
                try (BatchReader reader = BatchReader.open(file, null)) {
                    versions.add(reader.schema().properties().getOrDefault(BatchSchema.ANONYMIZATION_KEY_VERSION, "0"));
                }
            }
        }
        if (versions.size() > 1) {
            throw StepFailure.fatal("KEY_VERSIONS_MIXED", "the run's batches were anonymized with key versions "
                    + versions + "; anonymize the run again with one key");
        }
        return versions.isEmpty() ? 0 : Integer.parseInt(versions.first());
    }
}
