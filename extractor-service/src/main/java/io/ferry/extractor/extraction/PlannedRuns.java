package io.ferry.extractor.extraction;

import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.planning.ClosurePlanner;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.service.spec.LoadedSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The district's closure of each run in progress, with the PROD snapshots it was computed in. The closure
 * spans every store, so it is computed once per run and process, by the preflight when it runs in this
 * process (it classifies, and builds the dictionary from, the very rows extraction then copies); each store
 * is then extracted in the very snapshot it was planned in. A run's entry closes when each of its stores was
 * extracted, when the preflight or an extraction failed (a retry plans again in fresh snapshots), when a
 * passed preflight's plan is not claimed by an extraction within {@code awaitExtraction} (the run was
 * cancelled, or another replica extracts it), or when it is older than the maximum snapshot age.
 */
public final class PlannedRuns {
    private static final Logger LOG = Logger.getLogger(PlannedRuns.class);

    /** How long a passed preflight's plan waits for its run's first extraction by default. */
    public static final Duration AWAIT_EXTRACTION = Duration.ofMinutes(5);

    private final ProdSnapshot.SessionSettings session;
    private final Duration maxAge;
    private final Duration awaitExtraction;
    private final int sessionsPerStore;
    private final boolean graphsBeside;
    private final Map<String, Entry> entries = new HashMap<>();
    private final ScheduledExecutorService sweeper;
    private boolean closing;

    /** The extractor's plans: its PROD session settings, snapshot age and {@link #AWAIT_EXTRACTION}. */
    public static PlannedRuns of(ExtractionSettings settings) {
        return new PlannedRuns(new ProdSnapshot.SessionSettings("ferry-extractor", settings.statementTimeout()),
                settings.maxSnapshotAge(), AWAIT_EXTRACTION, settings.maxConnectionsPerStore());
    }

    /**
     * @param sessionsPerStore the PROD sessions a plan may hold per store (the cap): above one, graph stores are closed
     *                         on a thread of their own, in a second session per relational store (see
     *                         {@link Entry#plan}); else the whole closure is computed before a lease returns
     */
    public PlannedRuns(ProdSnapshot.SessionSettings session, Duration maxAge, Duration awaitExtraction,
            int sessionsPerStore) {
        this.session = session;
        this.sessionsPerStore = sessionsPerStore;
        this.graphsBeside = sessionsPerStore > 1;
        this.maxAge = maxAge;
        this.awaitExtraction = awaitExtraction;
        // A run whose other stores never come here (cancelled, or extracted by another replica) must not keep
        // PROD snapshots open: old idle plans are closed on a timer, not only when the next request arrives.
        long period = Math.max(1_000, Math.min(Math.min(maxAge.toMillis(), awaitExtraction.toMillis()) / 4, 60_000));
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("planned-runs-sweeper")
                .factory());
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** The PROD sessions a plan may hold per store: its own, and those of reads beside it. */
    public int sessionsPerStore() {
        return sessionsPerStore;
    }

    private synchronized void sweep() {
        evictOld();
    }

    /** Plans this process holds, for tests and metrics. */
    synchronized int size() {
        return entries.size();
    }

    /** The planned run, planning it now if this process has no live plan for it. */
    Lease lease(ExtractRequest request, LoadedSpec spec) {
        return lease(request.runId(), request.specHash(), request.district(), request.store(), spec);
    }

    /**
     * The preflight's use of the run's plan (planning it now): {@link Lease#extracted()} on a lease without a
     * store marks the preflight passed, so the plan waits for the run's extractions; else it is closed.
     */
    public Lease leaseForPreflight(String runId, String specHash, String district, LoadedSpec spec) {
        return lease(runId, specHash, district, null, spec);
    }

    private Lease lease(String runId, String specHash, String district, String store, LoadedSpec spec) {
        String id = runId + "/" + specHash + "/" + district;
        Entry entry;
        synchronized (this) {
            if (closing) {
                throw ExtractionFailure.transientFailure("SHUTTING_DOWN", "the extractor is stopping; retry on another"
                        + " instance", null);
            }
            evictOld();
            entry = entries.computeIfAbsent(id, k -> new Entry(id, spec.spec().stores().keySet()));
            entry.leases++;
            entry.claimed |= store != null;
        }
        try {
            entry.plan(district, spec, session);
        } catch (RuntimeException e) {
            release(entry, store, false);
            throw e;
        }
        synchronized (this) {
            // Only stores the plan covers will be asked for (a graph store without roots is refused earlier).
            entry.remaining.retainAll(entry.plannedStores());
        }
        return new Lease(entry, store);
    }

    private synchronized void release(Entry entry, String store, boolean extracted) {
        entry.leases--;
        if (extracted) {
            if (store != null) {
                entry.remaining.remove(store);
            } else if (!entry.claimed) {
                entry.awaiting = true;
                entry.awaitUntil = System.nanoTime() + awaitExtraction.toNanos();
            }
        } else {
            // A retry must plan again in fresh snapshots: this one may be aborted or killed.
            entry.broken = true;
            entries.remove(entry.id, entry);
        }
        if (entry.leases == 0 && (entry.broken || entry.remaining.isEmpty())) {
            entries.remove(entry.id, entry);
            entry.close();
        }
        notifyAll();
    }

    private void evictOld() {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            long now = System.nanoTime();
            if (e.leases == 0 && (now - e.created > maxAge.toNanos() || !e.claimed && e.awaiting && now - e.awaitUntil > 0)) {
                it.remove();
                e.close();
            }
        }
    }

    /**
     * Closes every plan (service shutdown): new leases are refused, extractions in progress get up to
     * {@code grace} to finish, then the snapshots close under whatever is left.
     */
    public synchronized void closeAll(Duration grace) {
        closing = true;
        sweeper.shutdownNow();
        long deadline = System.nanoTime() + grace.toNanos();
        while (entries.values().stream().anyMatch(e -> e.leases > 0) && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        entries.values().forEach(Entry::close);
        entries.clear();
    }

    /**
     * One store's use of a planned run, or the preflight's (no store); {@link #extracted()} before closing marks
     * the store done, or the preflight passed.
     */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private final String store;
        private boolean extracted;

        private Lease(Entry entry, String store) {
            this.entry = entry;
            this.store = store;
        }

        public ProdSnapshot snapshot() {
            return entry.snapshot;
        }

        /** The whole closure; waits for the graph stores' closures. */
        public DistrictClosure closure() {
            return entry.closure();
        }

        /** Whether graph stores' closures run beside the lease's holder, in a session per store of their own. */
        public boolean graphsBeside() {
            return graphsBeside && !entry.relational.graphStores().isEmpty();
        }

        /** The relational stores' closure with its rules, at once (the graph stores' may still be running). */
        public DistrictClosure.Relational relational() {
            return entry.relational;
        }

        /**
         * Whether the graph stores' closures still run beside the lease's holder, each holding a session of its own
         * on every relational store.
         */
        public boolean graphsRunning() {
            return !entry.graphs().isDone();
        }

        /** When the snapshots were opened: their age bounds the extraction. */
        long openedNanos() {
            return entry.created;
        }

        public void extracted() {
            extracted = true;
        }

        @Override
        public void close() {
            release(entry, store, extracted);
        }
    }

    private final class Entry {
        final String id;
        final Set<String> remaining;
        final long created = System.nanoTime();
        int leases;
        boolean broken;
        /** An extraction leased the plan; until then a passed preflight's plan waits until {@link #awaitUntil}. */
        boolean claimed;
        boolean awaiting;
        long awaitUntil;
        ProdSnapshot snapshot;
        DistrictClosure.Relational relational;
        /** The graph stores' closures, computed beside the preflight's reading of the relational closure. */
        BesideWork<DistrictClosure> whole;

        Entry(String id, Set<String> stores) {
            this.id = id;
            this.remaining = new HashSet<>(stores);
        }

        /**
         * Plans once: the relational closure now, the graph stores' closures on a thread of their own (in sessions
         * of their own on the relational stores when the connection cap allows a second one), so that the preflight
         * can classify relational fields meanwhile. A second store's extraction waits here for the first one's plan.
         */
        synchronized void plan(String district, LoadedSpec spec, ProdSnapshot.SessionSettings session) {
            if (relational != null) {
                return;
            }
            ProdSnapshot opened = ProdSnapshot.open(spec.spec(), spec.resolver(), session);
            DistrictClosure.Relational planned = null;
            try {
                planned = DistrictClosure.relational(spec.spec(), opened, district, ClosurePlanner.DEFAULT_SPILL_THRESHOLD,
                        sessionsPerStore > 1);
                DistrictClosure.Relational relationalPart = planned;
                whole = BesideWork.start(opened, graphsBeside && !planned.graphStores().isEmpty(), "ferry-graph-closure",
                        sources -> relationalPart.withGraphs(opened, sources));
                relational = planned;
                snapshot = opened;
                whole.whenDone(this::logTimings);
            } catch (RuntimeException | Error e) {
                if (planned != null) {
                    planned.close();
                }
                opened.close();
                throw e;
            }
        }

        /** Where planning spent its time (relational closure, each graph store's rounds), the plan made or not. */
        private void logTimings() {
            try {
                LOG.infof("planned %s in %.1f s: %s", id, (System.nanoTime() - created) / 1e9, whole.join().timings());
            } catch (RuntimeException failed) {
                // the extraction that waits for the plan reports the failure
            }
        }

        /** The whole closure, once the graph stores' closures are done; their failure is thrown here as it was. */
        DistrictClosure closure() {
            return graphs().join();
        }

        synchronized BesideWork<DistrictClosure> graphs() {
            return whole;
        }

        synchronized Set<String> plannedStores() {
            Set<String> stores = new HashSet<>();
            snapshot.schema().stores().forEach(st -> stores.add(st.store()));
            stores.addAll(relational.graphStores());
            return stores;
        }

        /**
         * Closes snapshots and key sets; while the graph stores' closures still read them, as soon as they end (on
         * their thread), so that no caller waits for a graph traversal under the plans' lock.
         */
        synchronized void close() {
            BesideWork<DistrictClosure> graphs = whole;
            if (graphs == null || graphs.isDone()) {
                closeNow();
            } else {
                graphs.whenDone(this::closeNow);
            }
        }

        private synchronized void closeNow() {
            if (relational != null) {
                relational.close();
                relational = null;
            }
            if (snapshot != null) {
                snapshot.close();
                snapshot = null;
            }
        }
    }
}
