package io.ferry.planning;

import io.ferry.planning.ClosureEngine.Edge;
import io.ferry.planning.ClosureEngine.Provenance;
import io.ferry.planning.ClosureEngine.TableState;
import io.ferry.planning.ClosureRules.CrossTenantPolicy;
import io.ferry.planning.ClosureRules.DanglingPolicy;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.roaringbitmap.longlong.LongIterator;

/**
 * Entry point of the closure: runs {@link ClosureEngine} to its fixpoint, reports dangling references
 * and cross-tenant rows, and re-runs while the policies take rows out ({@code dangling: drop} drops the
 * referencing row and what needs it, {@code crossTenant: nullify} leaves the foreign row out), so the
 * final closure is exactly the default rule over the remaining rows.
 */
public final class ClosurePlanner {
    /** Past this many dictionary-coded keys, key dictionaries spill to encrypted temp files. */
    public static final long DEFAULT_SPILL_THRESHOLD = 20_000_000;

    /**
     * Most heap the first pass's rows may take to answer later passes from memory (about 50 MB for a
     * district of 750 k rows); a larger closure asks PROD again in each pass.
     */
    static final long MEMO_BYTES = 128L << 20;

    private final long spillThreshold;
    private final long memoBytes;

    public ClosurePlanner(long spillThreshold) {
        this(spillThreshold, MEMO_BYTES);
    }

    ClosurePlanner(long spillThreshold, long memoBytes) {
        this.spillThreshold = spillThreshold;
        this.memoBytes = memoBytes;
    }

    public ClosurePlanner() {
        this(DEFAULT_SPILL_THRESHOLD);
    }

    /** The plan of one district; the key sets are released. */
    public static Plan plan(EstateSchema schema, ClosureRules rules, Map<String, RowSource> sources) {
        try (Closure c = new ClosurePlanner().close(schema, rules, sources)) {
            return c.plan();
        }
    }

    /** The closure with its key sets (for {@code --keys-out} and the extractor); close it to free them. */
    public Closure close(EstateSchema schema, ClosureRules rules, Map<String, RowSource> sources) {
        return close(schema, rules, sources, null);
    }

    /**
     * {@link #close(EstateSchema, ClosureRules, Map)} with a second row source per store, each on a session of its
     * own in the same snapshot, for reads beside the rounds: {@code beside} opens one when first asked, on this
     * thread (it may return null), and the caller closes them once this returns.
     */
    public Closure close(EstateSchema schema, ClosureRules rules, Map<String, RowSource> sources,
            Function<String, RowSource> beside) {
        try (JsonPathIndexes jsonIndexes = new JsonPathIndexes(beside)) {
            return passes(schema, rules, sources, jsonIndexes);
        }
    }

    private Closure passes(EstateSchema schema, ClosureRules rules, Map<String, RowSource> sources,
            JsonPathIndexes jsonIndexes) {
        Map<TableId, Set<Tuple>> banned = new HashMap<>();
        Map<TableId, Set<Tuple>> dropped = new HashMap<>();
        Map<String, DanglingRows> dangling = new LinkedHashMap<>();
        Map<String, Plan.CrossTenantRow> crossTenant = new LinkedHashMap<>();
        RowMemo memo = new RowMemo(schema, memoBytes);
        long rowsRead = 0;
        int passes = 0;
        while (true) {
            passes++;
            SpillBudget budget = new SpillBudget(spillThreshold);
            Supplier<KeyDictionary> dictionaries = () -> new SpillingDictionary(budget);
            ClosureEngine engine = new ClosureEngine(schema, rules, sources, dictionaries, banned, dropped,
                    jsonIndexes, memo);
            boolean grew;
            try {
                engine.run();
                memo.stopRecording();
                rowsRead += engine.rowsRead();
                Map<TableId, Set<Tuple>> droppedNow = collectDangling(engine, rules, dangling, banned, dropped);
                boolean nullified = collectCrossTenant(engine, rules, crossTenant, banned);
                // Rows a dangling drop takes out of the leaves need no other pass: the engine drops them in place.
                grew = nullified || (!droppedNow.isEmpty() && !engine.dropLeaves(droppedNow));
            } catch (RuntimeException e) {
                closeKeys(engine);
                throw e;
            }
            if (!grew) {
                jsonIndexes.close(); // only the rounds and the dangling check read them; the key sets outlive them
                Plan plan = buildPlan(engine, schema, rules, dangling, crossTenant);
                memo.release();      // so do the first pass's rows
                return new Closure(engine, plan, rowsRead, passes);
            }
            closeKeys(engine);
        }
    }

    static void closeKeys(ClosureEngine engine) {
        engine.states().values().forEach(s -> s.keys.close());
    }

    private record DanglingRows(String from, String to, DanglingPolicy policy, Set<Tuple> rows) {
    }

    /** Records each reference's dangling rows; bans those to drop. Returns the rows it banned that were not yet. */
    private static Map<TableId, Set<Tuple>> collectDangling(ClosureEngine engine, ClosureRules rules,
            Map<String, DanglingRows> report, Map<TableId, Set<Tuple>> banned, Map<TableId, Set<Tuple>> dropped) {
        Map<TableId, Set<Tuple>> fresh = new HashMap<>();
        for (Map.Entry<Edge, Set<Tuple>> m : engine.missing().entrySet()) {
            Edge e = m.getKey();
            List<Tuple> rows = referencingRows(engine, e, m.getValue());
            if (rows.isEmpty()) {
                continue;
            }
            DanglingPolicy policy = rules.dangling(e.ref);
            report.computeIfAbsent(e.fromText() + " -> " + e.toText(),
                    k -> new DanglingRows(e.fromText(), e.toText(), policy, new LinkedHashSet<>())).rows.addAll(rows);
            if (policy == DanglingPolicy.DROP) {
                drop(e.child.id, rows, banned, dropped, fresh);
            }
        }
        for (Map.Entry<Edge, Set<Tuple>> m : engine.bannedTargets().entrySet()) {
            drop(m.getKey().child.id, referencingRows(engine, m.getKey(), m.getValue()), banned, dropped, fresh);
        }
        return fresh;
    }

    /** Bans and drops {@code rows}, adding to {@code fresh} those not banned before. */
    private static void drop(TableId table, List<Tuple> rows, Map<TableId, Set<Tuple>> banned,
            Map<TableId, Set<Tuple>> dropped, Map<TableId, Set<Tuple>> fresh) {
        dropped.computeIfAbsent(table, k -> new java.util.HashSet<>()).addAll(rows);
        Set<Tuple> ban = banned.computeIfAbsent(table, k -> new java.util.HashSet<>());
        for (Tuple row : rows) {
            if (ban.add(row)) {
                fresh.computeIfAbsent(table, k -> new java.util.HashSet<>()).add(row);
            }
        }
    }

    private static boolean ban(TableId table, List<Tuple> rows, Map<TableId, Set<Tuple>> banned) {
        return banned.computeIfAbsent(table, k -> new java.util.HashSet<>()).addAll(rows);
    }

    /** Identity keys of the closure's rows of the edge's child table whose reference holds one of {@code values}. */
    private static List<Tuple> referencingRows(ClosureEngine engine, Edge e, Set<Tuple> values) {
        TableState c = e.child;
        List<Tuple> rows = new ArrayList<>();
        Map<Tuple, List<Tuple>> jsonKeys = e.ref.jsonPath() != null && e.down ? engine.jsonIndex(c).get(e.ref) : null;
        if (jsonKeys != null) {
            // The engine's (value, key) pairs of this JSON-path reference answer without scanning the table again.
            for (Tuple v : values) {
                for (Tuple key : jsonKeys.getOrDefault(v, List.of())) {
                    if (c.keys.containsIncluded(key)) {
                        rows.add(key);
                    }
                }
            }
            return rows;
        }
        RowSource.RowSink sink = row -> {
            Tuple v = e.fromValues(row);
            if (v != null && values.contains(v) && c.keys.containsIncluded(c.identity(row))) {
                rows.add(c.identity(row));
            }
        };
        if (e.ref.jsonPath() != null) {
            engine.source(c).scan(c.id, c.projections, c.rule.filter(), sink);
        } else {
            engine.source(c).select(c.id, e.ref.fromColumns(), values, c.projections, c.rule.filter(), sink);
        }
        return rows;
    }

    /**
     * Rows reached only upward, in a table with an ownership path, whose chain of pullers leads back to a
     * row the district owns without passing another owned table: the first foreign row of each chain.
     */
    private static boolean collectCrossTenant(ClosureEngine engine, ClosureRules rules,
            Map<String, Plan.CrossTenantRow> report, Map<TableId, Set<Tuple>> banned) {
        Map<TableId, List<Edge>> chains = engine.ownershipChains();
        OwnerResolver owners = new OwnerResolver(engine, chains, rules.tenant());
        String district = district(rules);
        boolean grew = false;
        for (TableState t : engine.states().values()) {
            if (!chains.containsKey(t.id)) {
                continue;
            }
            LongIterator it = t.keys.upOnly();
            while (it.hasNext()) {
                long code = it.next();
                List<String> path = pathFromOwnedRow(engine, chains, t, code);
                if (path == null) {
                    continue;
                }
                Tuple key = t.keys.key(code);
                String owner = owners.owner(t, key);
                if (owner == null || owner.equals(district)) {
                    continue;
                }
                String text = key.describe(t.identityColumns());
                report.putIfAbsent(t.id + "[" + text + "]",
                        new Plan.CrossTenantRow(t.id.store(), t.id.qualified(), text, owner, path));
                if (rules.crossTenant() == CrossTenantPolicy.NULLIFY) {
                    grew |= ban(t.id, List.of(key), banned);
                }
            }
        }
        return grew;
    }

    private static List<String> pathFromOwnedRow(ClosureEngine engine, Map<TableId, List<Edge>> chains,
            TableState table, long code) {
        Deque<String> path = new ArrayDeque<>();
        TableState current = table;
        long currentCode = code;
        String rowText = rowText(current, currentCode);
        for (int hops = 0; hops < 10_000; hops++) {
            Provenance p = engine.provenance(current.id, currentCode);
            if (p == null) {
                return null;
            }
            path.addFirst(p.edge().fromProjections.stream().map(Projection::toString)
                    .collect(Collectors.joining(", ", "(", ") -> ")) + rowText);
            TableState from = p.edge().child;
            rowText = rowText(from, p.code());
            if (from.keys.isDown(p.code())) {
                path.addFirst(rowText);
                return List.copyOf(path);
            }
            if (chains.containsKey(from.id)) {
                return null;
            }
            current = from;
            currentCode = p.code();
        }
        return null;
    }

    private static String rowText(TableState t, long code) {
        return t.id + "[" + t.keys.key(code).describe(t.identityColumns()) + "]";
    }

    static String district(ClosureRules rules) {
        return rules.tenant().key().values().length == 1 ? String.valueOf(rules.tenant().key().get(0))
                : rules.tenant().key().describe(rules.tenant().keyColumns());
    }

    private static Plan buildPlan(ClosureEngine engine, EstateSchema schema, ClosureRules rules,
            Map<String, DanglingRows> dangling, Map<String, Plan.CrossTenantRow> crossTenant) {
        List<Plan.TableRows> tables = new ArrayList<>();
        List<TableId> ids = new ArrayList<>();
        engine.states().values().stream().filter(TableState::readable).sorted((a, b) -> a.id.compareTo(b.id))
                .forEach(s -> {
                    ids.add(s.id);
                    tables.add(new Plan.TableRows(s.id.store(), s.id.schema(), s.id.name(), s.id.qualified(),
                            kind(s), s.keys.includedCount()));
                });
        List<Plan.Dangling> danglingOut = dangling.values().stream()
                .map(d -> new Plan.Dangling(d.from, d.to, d.rows.size(), d.policy.name().toLowerCase(Locale.ROOT)))
                .toList();
        List<String> order = LoadOrder.of(ids, schema.references()).stream().map(TableId::toString).toList();
        return new Plan(district(rules), tables, List.copyOf(crossTenant.values()), danglingOut, order);
    }

    private static String kind(TableState s) {
        return switch (s.table.kind()) {
            case LABEL -> "label";
            case RELATIONSHIP -> "relationship";
            default -> "table";
        };
    }
}
