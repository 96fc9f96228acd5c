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

/**
 * The district's closure of each run in progress, with the PROD snapshots it was computed in. The closure
 * spans every store, so it is computed once per run and process; each store is then extracted in the very
 * snapshot it was planned in. A run's entry closes when each of its stores was extracted, when an
 * extraction failed (a retry plans again in fresh snapshots), or when it is older than the maximum
 * snapshot age.
 */
final class PlannedRuns {

    private final ProdSnapshot.SessionSettings session;
    private final Duration maxAge;
    private final Map<String, Entry> entries = new HashMap<>();
    private final ScheduledExecutorService sweeper;
    private boolean closing;

    PlannedRuns(ProdSnapshot.SessionSettings session, Duration maxAge) {
        this.session = session;
        this.maxAge = maxAge;
        // A run whose other stores never come here (cancelled, or extracted by another replica) must not keep
        // PROD snapshots open: old idle plans are closed on a timer, not only when the next request arrives.
        long period = Math.max(1_000, Math.min(maxAge.toMillis() / 4, 60_000));
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("planned-runs-sweeper")
                .factory());
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
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
        String id = request.runId() + "/" + request.specHash() + "/" + request.district();
        Entry entry;
        synchronized (this) {
            if (closing) {
                throw ExtractionFailure.transientFailure("SHUTTING_DOWN", "the extractor is stopping; retry on another"
                        + " instance", null);
            }
            evictOld();
            entry = entries.computeIfAbsent(id, k -> new Entry(id, spec.spec().stores().keySet()));
            entry.leases++;
        }
        try {
            entry.plan(request, spec, session);
        } catch (RuntimeException e) {
            release(entry, request.store(), false);
            throw e;
        }
        synchronized (this) {
            // Only stores the plan covers will be asked for (a graph store without roots is refused earlier).
            entry.remaining.retainAll(entry.plannedStores());
        }
        return new Lease(entry, request.store());
    }

    private synchronized void release(Entry entry, String store, boolean extracted) {
        entry.leases--;
        if (extracted) {
            entry.remaining.remove(store);
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
            if (e.leases == 0 && System.nanoTime() - e.created > maxAge.toNanos()) {
                it.remove();
                e.close();
            }
        }
    }

    /**
     * Closes every plan (service shutdown): new leases are refused, extractions in progress get up to
     * {@code grace} to finish, then the snapshots close under whatever is left.
     */
    synchronized void closeAll(Duration grace) {
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

    /** One store's use of a planned run; {@link #extracted()} before closing marks the store done. */
    final class Lease implements AutoCloseable {
        private final Entry entry;
        private final String store;
        private boolean extracted;

        private Lease(Entry entry, String store) {
            this.entry = entry;
            this.store = store;
        }

        ProdSnapshot snapshot() {
            return entry.snapshot;
        }

        DistrictClosure closure() {
            return entry.closure;
        }

        /** When the snapshots were opened: their age bounds the extraction. */
        long openedNanos() {
            return entry.created;
        }

        void extracted() {
            extracted = true;
        }

        @Override
        public void close() {
            release(entry, store, extracted);
        }
    }

    private static final class Entry {
        final String id;
        final Set<String> remaining;
        final long created = System.nanoTime();
        int leases;
        boolean broken;
        ProdSnapshot snapshot;
        DistrictClosure closure;

        Entry(String id, Set<String> stores) {
            this.id = id;
            this.remaining = new HashSet<>(stores);
        }

        /** Plans once; a second store's extraction waits here for the first one's plan. */
        synchronized void plan(ExtractRequest request, LoadedSpec spec, ProdSnapshot.SessionSettings session) {
            if (closure != null) {
                return;
            }
            ProdSnapshot opened = ProdSnapshot.open(spec.spec(), spec.resolver(), session);
            try {
                closure = DistrictClosure.compute(spec.spec(), opened, request.district(),
                        ClosurePlanner.DEFAULT_SPILL_THRESHOLD);
                snapshot = opened;
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }

        synchronized Set<String> plannedStores() {
            Set<String> stores = new HashSet<>();
            snapshot.schema().stores().forEach(st -> stores.add(st.store()));
            closure.graphs().forEach(g -> stores.add(g.store()));
            return stores;
        }

        synchronized void close() {
            if (closure != null) {
                closure.close();
                closure = null;
            }
            if (snapshot != null) {
                snapshot.close();
                snapshot = null;
            }
        }
    }
}
