package io.ferry.planning;

import io.ferry.planning.ClosureEngine.TableState;
import io.ferry.schema.model.TableId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A computed closure: the {@link Plan} plus the key sets behind it, which stay in this process (and
 * its encrypted spill files) until {@link #close()}.
 */
public final class Closure implements AutoCloseable {
    private final ClosureEngine engine;
    private final Plan plan;
    private final long rowsRead;
    private final int passes;

    Closure(ClosureEngine engine, Plan plan, long rowsRead, int passes) {
        this.engine = engine;
        this.plan = plan;
        this.rowsRead = rowsRead;
        this.passes = passes;
    }

    /** About how many bytes of the first pass's rows the closure still holds: none once it is computed. */
    long memoBytes() {
        return engine.memo().heldBytes();
    }

    public Plan plan() {
        return plan;
    }

    /** Tables whose rows the closure decides (not excluded, not assumed present), by id. */
    public List<TableId> tables() {
        return engine.states().values().stream().filter(TableState::readable).map(s -> s.id).sorted().toList();
    }

    /** The columns that identify a row of {@code table}: its primary key, else all columns. */
    public List<String> keyColumns(TableId table) {
        return state(table).identityColumns();
    }

    /** The keys of {@code table}'s rows in the closure, sorted. */
    public List<Tuple> keys(TableId table) {
        return state(table).keys.sortedKeys();
    }

    public boolean contains(TableId table, Tuple key) {
        return state(table).keys.containsIncluded(key);
    }

    public long keyCount() {
        return engine.states().values().stream().mapToLong(s -> s.keys.includedCount()).sum();
    }

    /** Heap held by the key sets (bitmaps and dictionaries). */
    public long keyBytes() {
        return engine.states().values().stream().mapToLong(s -> s.keys.heapBytes()).sum();
    }

    /**
     * How many rows each reference brought into the closure (first inclusion only; roots and copy-all
     * rows come through none), most first: where a district's rows come from.
     */
    public List<EdgeRows> rowsPerEdge() {
        List<EdgeRows> rows = new java.util.ArrayList<>();
        engine.newRows().forEach((edge, n) -> {
            if (n[0] > 0) {
                rows.add(new EdgeRows(edge.ref.describe(), "down", n[0]));
            }
            if (n[1] > 0) {
                rows.add(new EdgeRows(edge.ref.describe(), "up", n[1]));
            }
        });
        rows.sort(java.util.Comparator.comparingLong(EdgeRows::rows).reversed()
                .thenComparing(EdgeRows::reference).thenComparing(EdgeRows::direction));
        return rows;
    }

    /** @param direction {@code down}: children of included rows; {@code up}: parents pulled by them */
    public record EdgeRows(String reference, String direction, long rows) {
    }

    /** Rows the stores returned, over all rounds and passes. */
    public long rowsRead() {
        return rowsRead;
    }

    public int rounds() {
        return engine.rounds();
    }

    /** Runs of the engine: more than one when policies took rows out. */
    public int passes() {
        return passes;
    }

    /** Why a run of this plan must fail: dangling references or cross-tenant rows under policy {@code fail}. */
    public List<String> failures(ClosureRules rules) {
        List<String> reasons = plan.dangling().stream().filter(d -> d.policy().equals("fail"))
                .map(d -> d.count() + " dangling reference(s) " + d.from() + " -> " + d.to())
                .collect(Collectors.toList());
        if (rules.crossTenant() == ClosureRules.CrossTenantPolicy.FAIL) {
            plan.crossTenant().forEach(c -> reasons.add("cross-tenant row " + c.store() + "." + c.table()
                    + " owned by " + c.owner()));
        }
        return reasons;
    }

    private TableState state(TableId table) {
        TableState s = engine.states().get(table);
        if (s == null) {
            throw new IllegalArgumentException("no table " + table + " in the closure");
        }
        return s;
    }

    Map<TableId, TableState> states() {
        return engine.states();
    }

    @Override
    public void close() {
        ClosurePlanner.closeKeys(engine);
    }
}
