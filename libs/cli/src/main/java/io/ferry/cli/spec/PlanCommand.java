package io.ferry.cli.spec;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.planning.Closure;
import io.ferry.planning.ClosureException;
import io.ferry.planning.ClosurePlanner;
import io.ferry.planning.ClosureRules;
import io.ferry.planning.KeysWriter;
import io.ferry.planning.Plan;
import io.ferry.planning.PlanJson;
import io.ferry.planning.ReadRefusedException;
import io.ferry.planning.UnknownDistrictException;
import io.ferry.planning.SpecRules;
import io.ferry.planning.graph.GraphClosure;
import io.ferry.planning.graph.GraphPlan;
import io.ferry.planning.graph.GraphRules;
import io.ferry.planning.graph.GraphSource;
import io.ferry.planning.graph.LinkedRows;
import io.ferry.planning.graph.RelationalLinks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry plan}: the exact closure of one district, computed read-only against PROD: the relational
 * stores first, then each graph store with the relational closure deciding whose nodes are whose.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Compute the closure of one district against PROD in one read-only snapshot per store: rows per table, cross-tenant rows with the references that pulled them in, dangling cross-store references, and the load order. Exits 1 when a policy says the run would fail.")
public final class PlanCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec (ferry.yaml).")
    Path spec;

    @Option(names = "--district", required = true, paramLabel = "D", description = "The tenant key's value, e.g. district-001.")
    String district;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (default) or json (stdout holds only the JSON).")
    String format;

    @Option(names = "--keys-out", paramLabel = "DIR",
            description = "Also write DIR/{store}/{schema}.{table}.csv with the sorted keys of every row in the closure.")
    Path keysOut;

    @Option(names = "--spill-threshold", defaultValue = "20000000", paramLabel = "KEYS", hidden = true,
            description = "Keys held on the heap before dictionaries spill to encrypted temp files.")
    long spillThreshold;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new FerryException(ExitCodes.USAGE, "--format must be 'text' or 'json', not '" + format + "'");
        }
        SpecSession session = SpecSession.open(spec);
        try (ProdSnapshot snapshot = ProdSnapshot.open(session.spec(), spec)) {
            ClosureRules rules;
            List<GraphRules> graphRules;
            try {
                rules = SpecRules.of(session.spec(), snapshot.schema(), district);
                graphRules = GraphRules.of(session.spec(), snapshot.fullSchema(), rules);
            } catch (IllegalArgumentException e) {
                throw new FerryException(ExitCodes.USAGE, e.getMessage());
            }
            long start = System.nanoTime();
            try (Closure closure = new ClosurePlanner(spillThreshold).close(snapshot.schema(), rules, snapshot.sources())) {
                Plan plan = closure.plan();
                List<String> failures = new ArrayList<>(closure.failures(rules));
                LinkedRows linked = new RelationalLinks(closure, rules, snapshot.sources());
                for (GraphRules g : graphRules) {
                    GraphPlan graph;
                    try (GraphSource source = snapshot.graphSource(g.store(), g.properties())) {
                        graph = new GraphClosure(g, source, linked).run();
                    }
                    plan = graph.addTo(plan);
                    failures.addAll(graph.failures());
                    if (keysOut != null) {
                        graph.writeKeys(keysOut);
                    }
                }
                if (keysOut != null) {
                    KeysWriter.write(closure, keysOut);
                }
                print(plan, closure, (System.nanoTime() - start) / 1e9);
                failures.forEach(f -> System.err.println("plan: " + f));
                return failures.isEmpty() ? ExitCodes.OK : ExitCodes.NOT_OK;
            } catch (UnknownDistrictException e) {
                throw new FerryException(ExitCodes.NOT_FOUND, e.getMessage());
            } catch (ReadRefusedException e) {
                throw new FerryException(ExitCodes.REFUSED, e.getMessage());
            } catch (ClosureException e) {
                throw new FerryException(ExitCodes.NOT_OK, e.getMessage());
            }
        }
    }

    private void print(Plan plan, Closure closure, double seconds) {
        if (format.equals("json")) {
            System.out.println(PlanJson.write(plan));
            return;
        }
        long rows = plan.tables().stream().mapToLong(Plan.TableRows::rows).sum();
        System.out.printf(Locale.ROOT, "district %s: %,d rows in %d tables (%.1f s, %d rounds)%n", plan.district(), rows,
                plan.tables().size(), seconds, closure.rounds());
        int width = plan.tables().stream().mapToInt(t -> t.store().length() + t.table().length() + 1).max().orElse(10);
        for (Plan.TableRows t : plan.tables()) {
            System.out.printf(Locale.ROOT, "  %-" + width + "s %,10d%n", t.store() + "." + t.table(), t.rows());
        }
        System.out.println("rows brought in per reference (down: children of included rows, up: parents they need):");
        for (Closure.EdgeRows e : closure.rowsPerEdge()) {
            System.out.printf(Locale.ROOT, "  %,10d %-4s %s%n", e.rows(), e.direction(), e.reference());
        }
        System.out.printf("cross-tenant rows: %d%n", plan.crossTenant().size());
        plan.crossTenant().forEach(c -> System.out.printf("  %s.%s[%s] owned by %s, via %s%n", c.store(), c.table(),
                c.key(), c.owner(), String.join(" ", c.path())));
        System.out.printf("dangling references: %d%n", plan.dangling().size());
        plan.dangling().forEach(d -> System.out.printf("  %s -> %s: %d (%s)%n", d.from(), d.to(), d.count(), d.policy()));
    }
}
