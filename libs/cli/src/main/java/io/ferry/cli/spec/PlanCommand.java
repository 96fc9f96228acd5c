package io.ferry.cli.spec;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.planning.Closure;
import io.ferry.planning.ClosureException;
import io.ferry.planning.Plan;
import io.ferry.planning.PlanJson;
import io.ferry.planning.ReadRefusedException;
import io.ferry.planning.UnknownDistrictException;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdSnapshot;
import java.nio.file.Path;
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
            long start = System.nanoTime();
            try (DistrictClosure closure = compute(session, snapshot)) {
                if (keysOut != null) {
                    closure.writeKeys(keysOut);
                }
                print(closure, (System.nanoTime() - start) / 1e9);
                closure.failures().forEach(f -> System.err.println("plan: " + f));
                return closure.failures().isEmpty() ? ExitCodes.OK : ExitCodes.NOT_OK;
            }
        }
    }

    private DistrictClosure compute(SpecSession session, ProdSnapshot snapshot) {
        try {
            return DistrictClosure.compute(session.spec(), snapshot, district, spillThreshold);
        } catch (IllegalArgumentException e) {
            throw new FerryException(ExitCodes.USAGE, e.getMessage());
        } catch (UnknownDistrictException e) {
            throw new FerryException(ExitCodes.NOT_FOUND, e.getMessage());
        } catch (ReadRefusedException e) {
            throw new FerryException(ExitCodes.REFUSED, e.getMessage());
        } catch (ClosureException e) {
            throw new FerryException(ExitCodes.NOT_OK, e.getMessage());
        }
    }

    private void print(DistrictClosure district, double seconds) {
        Plan plan = district.plan();
        Closure closure = district.relational();
        if (format.equals("json")) {
            System.out.println(PlanJson.write(plan));
            return;
        }
        long rows = plan.tables().stream().mapToLong(Plan.TableRows::rows).sum();
        System.out.printf(Locale.ROOT, "district %s: %,d rows in %d tables (%.1f s: %s; %d rounds)%n",
                plan.district(), rows, plan.tables().size(), seconds, district.timings(), closure.rounds());
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
