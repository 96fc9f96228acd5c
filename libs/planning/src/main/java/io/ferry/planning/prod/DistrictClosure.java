package io.ferry.planning.prod;

import io.ferry.planning.Closure;
import io.ferry.planning.ClosurePlanner;
import io.ferry.planning.ClosureRules;
import io.ferry.planning.KeysWriter;
import io.ferry.planning.Plan;
import io.ferry.planning.RowSource;
import io.ferry.planning.SpecRules;
import io.ferry.planning.graph.GraphClosure;
import io.ferry.planning.graph.GraphPlan;
import io.ferry.planning.graph.GraphRules;
import io.ferry.planning.graph.GraphSource;
import io.ferry.planning.graph.LinkedRows;
import io.ferry.planning.graph.RelationalLinks;
import io.ferry.spec.model.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One district's closure over every store of a spec, read through a {@link ProdSnapshot}: the relational
 * stores first, then each graph store with the relational closure deciding whose nodes are whose. Holds
 * the key sets until closed; {@code ferry plan} and the extractor share it.
 */
public final class DistrictClosure implements AutoCloseable {

    private final ClosureRules rules;
    private final Closure relational;
    private final List<GraphPlan> graphs;
    private final Plan plan;
    private final List<String> failures;
    private final String timings;

    private DistrictClosure(ClosureRules rules, Closure relational, List<GraphPlan> graphs, Plan plan,
            List<String> failures, String timings) {
        this.rules = rules;
        this.relational = relational;
        this.graphs = graphs;
        this.plan = plan;
        this.failures = failures;
        this.timings = timings;
    }

    /**
     * The whole closure, the relational one holding a second session per store where it reads beside its rounds.
     *
     * @throws IllegalArgumentException when the spec's rules do not fit the schema
     * @throws io.ferry.planning.UnknownDistrictException when no tenant row has the district's key
     */
    public static DistrictClosure compute(Spec spec, ProdSnapshot snapshot, String district, long spillThreshold) {
        return compute(spec, snapshot, district, spillThreshold, true);
    }

    /**
     * @param besideSessions whether the relational closure may hold a second session per store (see {@link
     *                       #relational})
     * @throws IllegalArgumentException when the spec's rules do not fit the schema
     * @throws io.ferry.planning.UnknownDistrictException when no tenant row has the district's key
     */
    public static DistrictClosure compute(Spec spec, ProdSnapshot snapshot, String district, long spillThreshold,
            boolean besideSessions) {
        Relational relational = relational(spec, snapshot, district, spillThreshold, besideSessions);
        try {
            return relational.withGraphs(snapshot, snapshot.sources()::get);
        } catch (RuntimeException e) {
            relational.close();
            throw e;
        }
    }

    /**
     * The first of the two stages {@link #compute} runs: the relational stores' closure. The graph stores' closures
     * ({@link Relational#withGraphs}) read the graphs and, for their links, the relational stores; given row sources
     * of their own on those stores they can run while the caller reads the relational closure in the snapshot's
     * own sessions (the extractor's preflight classifies while the graph is traversed).
     *
     * @param besideSessions whether the closure may hold a second session per store (opened from the snapshot where
     *                       needed, closed when it returns) to read beside its rounds: a table's JSON-path values
     * @throws IllegalArgumentException when the spec's rules do not fit the schema
     * @throws io.ferry.planning.UnknownDistrictException when no tenant row has the district's key
     */
    public static Relational relational(Spec spec, ProdSnapshot snapshot, String district, long spillThreshold,
            boolean besideSessions) {
        ClosureRules rules = SpecRules.of(spec, snapshot.schema(), district);
        long started = System.nanoTime();
        Closure closure;
        try (ProdSnapshot.SharedSources beside = snapshot.shareOnDemand()) {
            closure = new ClosurePlanner(spillThreshold).close(snapshot.schema(), rules, snapshot.sources(),
                    besideSessions ? beside::get : null);
        }
        String timing = "relational " + seconds(started);
        try {
            // after the relational closure, which does not need them: the graphs' schemas are read meanwhile
            return new Relational(rules, GraphRules.of(spec, snapshot.fullSchema(), rules), closure, timing);
        } catch (RuntimeException e) {
            closure.close();
            throw e;
        }
    }

    /** The relational closure, with the graph stores still to close. Close it unless {@link #withGraphs} returned. */
    public static final class Relational implements AutoCloseable {
        private final ClosureRules rules;
        private final List<GraphRules> graphRules;
        private final Closure closure;
        private final String timing;

        private Relational(ClosureRules rules, List<GraphRules> graphRules, Closure closure, String timing) {
            this.rules = rules;
            this.graphRules = graphRules;
            this.closure = closure;
            this.timing = timing;
        }

        /** The relational stores' closure with its key sets; safe to read from several threads. */
        public Closure closure() {
            return closure;
        }

        public ClosureRules rules() {
            return rules;
        }

        /**
         * The relational stores' violations of a {@code fail} policy, known before any graph store is closed; the
         * whole closure's {@link DistrictClosure#failures()} adds the graphs'.
         */
        public List<String> failures() {
            return closure.failures(rules);
        }

        /** The graph stores whose closures {@link #withGraphs} computes. */
        public List<String> graphStores() {
            return graphRules.stream().map(GraphRules::store).toList();
        }

        /**
         * Closes each graph store from its roots, the relational closure deciding whose linked nodes are whose.
         *
         * @param sources the relational stores' row sources for the links (rows outside the closure), in the same
         *                snapshot; the closure's key sets are only read
         * @return the whole closure, which then owns (and closes) the relational one
         */
        public DistrictClosure withGraphs(ProdSnapshot snapshot, Function<String, RowSource> sources) {
            Plan plan = closure.plan();
            List<String> failures = new ArrayList<>(failures());
            List<GraphPlan> graphs = new ArrayList<>();
            List<String> timings = new ArrayList<>(List.of(timing));
            LinkedRows linked = new RelationalLinks(closure, rules, sources);
            for (GraphRules g : graphRules) {
                long graphStarted = System.nanoTime();
                long cpuStarted = threadCpuNanos();
                GraphPlan graph;
                String steps;
                try (GraphSource source = snapshot.graphSource(g.store(), g.properties())) {
                    GraphClosure traversal = new GraphClosure(g, source, linked);
                    graph = traversal.run();
                    steps = traversal.timing();
                }
                plan = graph.addTo(plan);
                failures.addAll(graph.failures());
                graphs.add(graph);
                timings.add(String.format(java.util.Locale.ROOT, "graph %s %s (this thread's CPU %.1f s) %s", g.store(),
                        seconds(graphStarted), (threadCpuNanos() - cpuStarted) / 1e9, steps));
            }
            return new DistrictClosure(rules, closure, List.copyOf(graphs), plan, List.copyOf(failures),
                    String.join(", ", timings));
        }

        @Override
        public void close() {
            closure.close();
        }
    }

    /** The calling thread's CPU time: what the traversal spent on this side, the rest being the graph server's. */
    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    private static String seconds(long since) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
    }

    /**
     * How long the relational stores and each graph store took, for log lines: {@code relational 3.6 s, graph sp 4.9 s
     * in 4 rounds (hops 2.5 s, nodes 0.8 s, ownership 1.6 s)}.
     */
    public String timings() {
        return timings;
    }

    public ClosureRules rules() {
        return rules;
    }

    /** The relational stores' closure with its key sets. */
    public Closure relational() {
        return relational;
    }

    /** One plan per graph store the spec's {@code closure.graph.roots} names. */
    public List<GraphPlan> graphs() {
        return graphs;
    }

    /** Every store's tables, labels and relationship types, as {@code ferry plan --format json} prints it. */
    public Plan plan() {
        return plan;
    }

    /** Why a run of this plan must fail (a {@code fail} policy hit); empty when it may go ahead. */
    public List<String> failures() {
        return failures;
    }

    /** {@code --keys-out DIR}: the sorted keys of every table, label and relationship type. */
    public void writeKeys(Path dir) {
        KeysWriter.write(relational, dir);
        graphs.forEach(g -> g.writeKeys(dir));
    }

    @Override
    public void close() {
        relational.close();
    }
}
