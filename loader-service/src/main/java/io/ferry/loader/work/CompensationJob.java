package io.ferry.loader.work;

import io.ferry.cert.GraphTarget;
import io.ferry.cert.PostgresTarget;
import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.CompensateResult.BlockedRow;
import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.contracts.messages.CompensationStatus;
import io.ferry.loader.load.GraphCompensation;
import io.ferry.loader.load.PgCompensation;
import io.ferry.loader.load.PgCompensation.Compensation;
import io.ferry.loader.load.PgCompensation.Outcome;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.TableId;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.model.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;

/**
 * Takes a run back out of every CERT store of the spec, the store loaded last first: each PostgreSQL store in
 * one transaction ({@link PgCompensation}), each graph step by step ({@link GraphCompensation}). Unless forced,
 * every store is checked first, so rows testers changed or reference in any store stop the whole run
 * ({@code BLOCKED}) before any store is touched. Idempotent: stores
 * already taken out report their kept proof, and stores the run never reached are left alone.
 */
public final class CompensationJob {

    private static final Logger LOG = Logger.getLogger(CompensationJob.class);

    private final LoaderSettings settings;
    private long rowsTakenOut;

    public CompensationJob(LoaderSettings settings) {
        this.settings = settings;
    }

    /** Rows the last compensation deleted or restored, over all stores. */
    public long rowsTakenOut() {
        return rowsTakenOut;
    }

    public CompensateResult compensate(CompensateRequest request, LoadedSpec loaded) {
        Collection<Store> stores = loaded.spec().stores().values();
        rowsTakenOut = 0;
        Map<Store, Instant> loadedAt = new LinkedHashMap<>();
        List<BlockedRow> blocked = new ArrayList<>();
        for (Store store : stores) {
            Optional<Instant> at = loadedAt(store, loaded, request.runId());
            if (at.isPresent()) {
                loadedAt.put(store, at.get());
                if (!request.force()) {
                    blocked.addAll(blocked(store, loaded, request.runId()));
                }
            }
        }
        if (!blocked.isEmpty()) {
            return result(request, CompensationStatus.BLOCKED, Map.of(), Map.of(), blocked);
        }
        List<Store> order = new ArrayList<>(stores);
        order.sort(Comparator.comparing((Store s) -> loadedAt.getOrDefault(s, Instant.MIN)).reversed());
        Map<String, Map<String, TableProof>> before = new LinkedHashMap<>();
        Map<String, Map<String, TableProof>> after = new LinkedHashMap<>();
        List<BlockedRow> forced = new ArrayList<>();
        for (Store store : order) {
            Optional<Compensation> taken = takeOut(store, loaded, request);
            if (taken.isEmpty()) {
                continue;
            }
            Compensation done = taken.get();
            if (done.outcome() == Outcome.BLOCKED) {
                // A tester got in between the check and this store: the stores before stay out, a retry goes on.
                LOG.warnf("compensate %s: store %s blocked after the check; %d store(s) taken out before it",
                        request.runId(), store.name(), after.size());
                return result(request, CompensationStatus.BLOCKED, before, after, done.blocked());
            }
            if (done.outcome() != Outcome.NOT_LOADED) {
                before.put(store.name(), byName(done.before()));
                after.put(store.name(), byName(done.after()));
                forced.addAll(done.blocked());
                rowsTakenOut += done.undone().values().stream().mapToLong(u -> u.deleted() + u.restored()).sum();
            }
        }
        return result(request, CompensationStatus.COMPENSATED, before, after, forced);
    }

    private Optional<Instant> loadedAt(Store store, LoadedSpec loaded, String runId) {
        try {
            if (store.kind() == StoreKind.NEO4J) {
                try (Driver cert = CertSessions.openGraph(store, loaded.resolver())) {
                    return GraphCompensation.loadedAt(cert, runId);
                }
            }
            try (Connection cert = CertSessions.open(store, loaded.resolver())) {
                return PgCompensation.loadedAt(cert, runId);
            }
        } catch (SQLException e) {
            throw CertSessions.failure(store.name(), "checking run " + runId, e);
        } catch (RuntimeException e) {
            throw CertSessions.failure(e);
        }
    }

    private List<BlockedRow> blocked(Store store, LoadedSpec loaded, String runId) {
        try {
            if (store.kind() == StoreKind.NEO4J) {
                try (Driver cert = CertSessions.openGraph(store, loaded.resolver())) {
                    return new GraphCompensation(settings.timeouts()).blocked(cert, store.name(), runId);
                }
            }
            try (Connection cert = CertSessions.open(store, loaded.resolver())) {
                return new PgCompensation(settings.timeouts()).blocked(cert, store.name(), store.schemas(), runId);
            }
        } catch (SQLException e) {
            throw CertSessions.failure(store.name(), "checking run " + runId, e);
        } catch (RuntimeException e) {
            throw CertSessions.failure(e);
        }
    }

    /** Empty for a store Ferry did not prepare: the run cannot be in it. */
    private Optional<Compensation> takeOut(Store store, LoadedSpec loaded, CompensateRequest request) {
        try {
            if (store.kind() == StoreKind.NEO4J) {
                try (Driver cert = CertSessions.openGraph(store, loaded.resolver())) {
                    return GraphTarget.marker(cert).isEmpty() ? Optional.empty() : Optional.of(new GraphCompensation(
                            settings.timeouts()).compensate(cert, store.name(), request.runId(), request.force()));
                }
            }
            try (Connection cert = CertSessions.open(store, loaded.resolver())) {
                return PostgresTarget.marker(cert).isEmpty() ? Optional.empty() : Optional.of(new PgCompensation(
                        settings.timeouts()).compensate(cert, store.name(), store.schemas(), request.runId(),
                        request.force()));
            }
        } catch (SQLException e) {
            throw CertSessions.failure(store.name(), "compensating run " + request.runId(), e);
        } catch (RuntimeException e) {
            throw CertSessions.failure(e);
        }
    }

    private static Map<String, TableProof> byName(Map<TableId, TableProof> proofs) {
        Map<String, TableProof> named = new LinkedHashMap<>();
        proofs.forEach((t, p) -> named.put(t.qualified(), p));
        return named;
    }

    private static CompensateResult result(CompensateRequest request, CompensationStatus status,
            Map<String, Map<String, TableProof>> before, Map<String, Map<String, TableProof>> after,
            List<BlockedRow> blocked) {
        return new CompensateResult(request.runId(), request.specHash(), request.attempt(), status, before, after,
                blocked, null);
    }
}
