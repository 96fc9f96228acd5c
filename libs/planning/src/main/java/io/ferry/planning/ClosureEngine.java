package io.ferry.planning;

import io.ferry.planning.ClosureRules.EdgePolicy;
import io.ferry.planning.ClosureRules.TablePolicy;
import io.ferry.planning.ClosureRules.TableRule;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One fixpoint of the default rule under the rules' overrides, over the stores' {@link RowSource}s.
 * Semi-naive: each round asks, per reference and direction, only about the keys that became new in the
 * round before. Rows in {@code banned} are never included (dropped dangling rows, nullified
 * cross-tenant rows); rows referencing a {@code dropped} row are reported so they can be dropped too; {@link ClosurePlanner} re-runs the engine until that set stops growing.
 */
final class ClosureEngine {

    /** Who pulled an upward row in: the referencing row (by code) and the reference. */
    record Provenance(Edge edge, long code) {
    }

    private enum Reach {
        DOWN, UP
    }

    private final ClosureRules rules;
    private final Map<String, RowSource> sources;
    private final Map<TableId, TableState> states = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<TableId, Map<Long, Provenance>> provenance = new HashMap<>();
    private final Map<Edge, Set<Tuple>> missing = new LinkedHashMap<>();
    /** Rows first included through each edge: [0] children (downward), [1] parents (upward). */
    private final Map<Edge, long[]> newRows = new LinkedHashMap<>();
    private final Map<Edge, Set<Tuple>> bannedTargets = new LinkedHashMap<>();
    private final JsonPathIndexes jsonIndexes;
    private final RowMemo memo;
    private Map<Edge, Set<Tuple>> downQueue = new LinkedHashMap<>();
    /** This round's value sets behind {@code downQueue}, per table and distinct referenced columns. */
    private Map<TableId, Set<Tuple>[]> downSets = new HashMap<>();
    private Map<Edge, Map<Tuple, Provenance>> upQueue = new LinkedHashMap<>();
    private int rounds;
    private long rowsRead;

    ClosureEngine(EstateSchema schema, ClosureRules rules, Map<String, RowSource> sources,
            Supplier<KeyDictionary> dictionaries, Map<TableId, Set<Tuple>> banned, Map<TableId, Set<Tuple>> dropped,
            JsonPathIndexes jsonIndexes, RowMemo memo) {
        this.rules = rules;
        this.jsonIndexes = jsonIndexes;
        this.memo = memo;
        this.sources = sources;
        for (Table t : schema.tables()) {
            states.put(t.id(), new TableState(t, rules.table(t.id()), dictionaries));
        }
        for (Reference r : schema.references()) {
            TableState child = states.get(r.from());
            TableState parent = states.get(r.to());
            if (child == null || parent == null || !child.readable()) {
                continue;
            }
            EdgePolicy policy = rules.edge(r);
            boolean up = (policy == EdgePolicy.FOLLOW || policy == EdgePolicy.PARENTS_ONLY)
                    && parent.rule.policy() == TablePolicy.DEFAULT;
            boolean downward = policy == EdgePolicy.FOLLOW && child.rule.policy() == TablePolicy.DEFAULT
                    && parent.rule.policy() == TablePolicy.DEFAULT;
            if (up || downward) {
                edges.add(new Edge(edges.size(), r, child, parent, up, downward));
            }
        }
        TableState tenant = states.get(rules.tenant().table());
        if (tenant == null) {
            throw new ClosureException("the tenant table " + rules.tenant().table() + " is not in the schema");
        }
        tenant.project(rules.tenant().keyColumns().stream().map(Projection::column).toList());
        for (TableState s : states.values()) {
            s.freeze();
        }
        for (Edge e : edges) {
            e.bind();
        }
        for (TableState s : states.values()) {
            s.groupDownEdges();
            s.banned = banned.get(s.id);
            s.dropped = dropped.get(s.id);
        }
        for (Edge e : edges) {
            if (rules.dangling(e.ref) == ClosureRules.DanglingPolicy.DROP) {
                e.child.downVia = new HashMap<>();
            }
        }
    }

    Map<TableId, TableState> states() {
        return states;
    }

    List<Edge> edges() {
        return edges;
    }

    int rounds() {
        return rounds;
    }

    long rowsRead() {
        return rowsRead;
    }

    Provenance provenance(TableId table, long code) {
        Map<Long, Provenance> m = provenance.get(table);
        return m == null ? null : m.get(code);
    }

    /** Rows first included through each edge: [0] as children (downward), [1] as parents (upward). */
    Map<Edge, long[]> newRows() {
        return newRows;
    }

    /** Values of each reference that no row holds (or only rows the rules exclude by filter). */
    Map<Edge, Set<Tuple>> missing() {
        return missing;
    }

    /** Values of each reference that point at dropped rows: their referencing rows must go too. */
    Map<Edge, Set<Tuple>> bannedTargets() {
        return bannedTargets;
    }

    /** The first pass's rows (released once the closure is final). */
    RowMemo memo() {
        return memo;
    }

    RowSource source(TableState t) {
        RowSource s = sources.get(t.id.store());
        if (s == null) {
            throw new ClosureException("no connection to store " + t.id.store());
        }
        return s;
    }

    /** Where the rounds read {@code t}: the memo of the first pass where it can answer, else the store. */
    private RowSource reader(TableState t) {
        return memo.answers() ? memo.over(source(t)) : source(t);
    }

    /** Runs the rounds to the fixpoint. */
    void run() {
        for (TableState t : states.values()) {
            if (t.table.primaryKey() != null && !jsonEdges(t).isEmpty()) {
                jsonIndexes.startBeside(t.id, source -> readJsonIndex(t, source));
            }
        }
        for (TableState t : states.values()) {
            if (t.rule.policy() == TablePolicy.COPY_ALL) {
                reader(t).scan(t.id, t.projections, t.rule.filter(), row -> accept(t, row, Reach.UP, null));
            }
        }
        ClosureRules.Tenant tenant = rules.tenant();
        TableState root = states.get(tenant.table());
        long[] found = new long[1];
        reader(root).select(root.id, tenant.keyColumns(), List.of(tenant.key()), root.projections, root.rule.filter(),
                row -> {
                    found[0]++;
                    accept(root, row, Reach.DOWN, null);
                });
        if (found[0] == 0) {
            throw new UnknownDistrictException("no row of " + tenant.table() + " has "
                    + tenant.key().describe(tenant.keyColumns()));
        }
        try (ReadAhead readAhead = new ReadAhead()) {
            while (!downQueue.isEmpty() || !upQueue.isEmpty()) {
                rounds++;
                Map<Edge, Set<Tuple>> down = downQueue;
                Map<Edge, Map<Tuple, Provenance>> up = upQueue;
                downQueue = new LinkedHashMap<>();
                downSets = new HashMap<>();
                upQueue = new LinkedHashMap<>();
                // The round's questions are fixed now: what they find only feeds the next round.
                List<ReadAhead.Question> questions = new ArrayList<>();
                down.forEach((e, values) -> children(e, values, questions));
                up.forEach((e, requests) -> questions.add(parents(e, requests)));
                readAhead.run(questions);
            }
        }
    }

    /** Asks for the rows of the edge's child table whose reference points at one of {@code values}. */
    private void children(Edge e, Set<Tuple> values, List<ReadAhead.Question> questions) {
        TableState c = e.child;
        RowSource.RowSink take = row -> accept(c, row, Reach.DOWN, null, e);
        if (e.ref.jsonPath() == null) {
            questions.add(new ReadAhead.Question(c.id.store(), sink -> reader(c).select(c.id, e.ref.fromColumns(),
                    values, c.projections, c.rule.filter(), sink), take, () -> { }));
        } else if (c.table.primaryKey() == null) {
            questions.add(new ReadAhead.Question(c.id.store(), sink -> reader(c).scan(c.id, c.projections,
                    c.rule.filter(), sink), row -> {
                        Tuple v = e.fromValues(row);
                        if (v != null && values.contains(v)) {
                            take.accept(row);
                        }
                    }, () -> { }));
        } else {
            Map<Tuple, List<Tuple>> keysByValue = jsonIndex(c).get(e.ref);
            List<Tuple> keys = new ArrayList<>();
            for (Tuple v : values) {
                for (Tuple key : keysByValue.getOrDefault(v, List.of())) {
                    // A row already reached downward would be ignored by accept(): do not read it again.
                    Long code = c.keys.existingCode(key);
                    if (code == null || !c.keys.isDown(code)) {
                        keys.add(key);
                    }
                }
            }
            if (!keys.isEmpty()) {
                questions.add(new ReadAhead.Question(c.id.store(), sink -> reader(c).select(c.id, c.identityColumns(),
                        keys, c.projections, c.rule.filter(), sink), take, () -> { }));
            }
        }
    }

    /**
     * A JSON-path reference has no index to ask, so its table is scanned once, keeping (value, key) pairs of all
     * its JSON-path references; rounds fetch the matching rows by primary key instead of scanning again. The pairs
     * depend only on the snapshot, so the planner hands them from one pass to the next; with a second session on
     * the store they are read beside the first rounds ({@link JsonPathIndexes}).
     */
    Map<Reference, Map<Tuple, List<Tuple>>> jsonIndex(TableState c) {
        return jsonIndexes.get(c.id, () -> readJsonIndex(c, source(c)));
    }

    private List<Edge> jsonEdges(TableState c) {
        return edges.stream().filter(e -> e.child == c && e.down && e.ref.jsonPath() != null).toList();
    }

    /** Scans {@code c} for {@link #jsonIndex}; safe on another thread (the edges are bound and only read). */
    private Map<Reference, Map<Tuple, List<Tuple>>> readJsonIndex(TableState c, RowSource source) {
        List<Edge> json = jsonEdges(c);
        Map<Reference, Map<Tuple, List<Tuple>>> index = new HashMap<>();
        json.forEach(e -> index.put(e.ref, new HashMap<>()));
        source.scan(c.id, c.projections, c.rule.filter(), row -> {
            Tuple key = null;
            for (Edge e : json) {
                Tuple v = e.fromValues(row);
                if (v != null) {
                    key = key != null ? key : c.identity(row);
                    index.get(e.ref).computeIfAbsent(v, k -> new ArrayList<>(1)).add(key);
                }
            }
        });
        return index;
    }

    /** Asks for the rows the requests point at; values no row holds are remembered as missing. */
    private ReadAhead.Question parents(Edge e, Map<Tuple, Provenance> requests) {
        TableState p = e.parent;
        Set<Tuple> found = new HashSet<>();
        return new ReadAhead.Question(p.id.store(), sink -> reader(p).select(p.id, e.ref.toColumns(), requests.keySet(),
                p.projections, p.rule.filter(), sink), row -> {
                    Tuple v = e.toValues(row);
                    found.add(v);
                    if (p.isAmong(row, p.dropped)) {
                        bannedTargets.computeIfAbsent(e, k -> new HashSet<>()).add(v);
                    } else {
                        accept(p, row, Reach.UP, requests.get(v), e);
                    }
                }, () -> {
                    for (Tuple v : requests.keySet()) {
                        if (!found.contains(v)) {
                            missing.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(v);
                        }
                    }
                });
    }

    private void accept(TableState t, Object[] row, Reach reach, Provenance from) {
        accept(t, row, reach, from, null);
    }

    /** @param via the edge the row was reached through, or null for roots and copy-all rows */
    private void accept(TableState t, Object[] row, Reach reach, Provenance from, Edge via) {
        rowsRead++;
        if (t.isAmong(row, t.banned)) {
            return;
        }
        long code = t.code(row);
        // Most rows read are in the closure already: the cheapest test that settles it comes first.
        if (reach == Reach.DOWN && t.keys.isDown(code)) {
            return;
        }
        boolean wasIncluded = t.keys.isIncluded(code);
        if (reach == Reach.DOWN) {
            t.keys.markDown(code, wasIncluded);
            if (wasIncluded) {
                Map<Long, Provenance> m = provenance.get(t.id);
                if (m != null) {
                    m.remove(code);
                }
            }
            enqueueChildren(t, row);
        } else {
            if (wasIncluded) {
                return;
            }
            t.keys.markIncluded(code);
            if (from != null) {
                provenance.computeIfAbsent(t.id, k -> new HashMap<>()).put(code, from);
            }
        }
        if (!wasIncluded) {
            if (memo.recording()) {
                memo.record(t.id, t.projections, row);
            }
            if (via != null) {
                newRows.computeIfAbsent(via, k -> new long[2])[reach == Reach.DOWN ? 0 : 1]++;
                if (reach == Reach.DOWN && t.downVia != null) {
                    t.downVia.computeIfAbsent(via, k -> new CodeSet()).add(code);
                }
            }
            t.checkLimit();
            pullParents(t, row, code);
        }
    }

    /**
     * Takes {@code rows} out of the closure in place, as a later pass would, where that is the same closure: each
     * row was reached downward, no followed reference points into its table (nothing came in below it or hangs on
     * it), and no row reached upward was first asked for by it (every parent it pulled, another row pulled too or
     * the district owns). A pass that only re-reads the stores to lose a few leaves (events whose payload names a
     * person who does not exist) is then saved. Returns false, changing nothing, where a pass is needed.
     */
    boolean dropLeaves(Map<TableId, Set<Tuple>> rows) {
        Map<TableState, CodeSet> codes = new HashMap<>();
        for (Map.Entry<TableId, Set<Tuple>> r : rows.entrySet()) {
            TableState t = states.get(r.getKey());
            if (t == null || !t.in.isEmpty() || t.downVia == null) {
                return false;
            }
            CodeSet mine = new CodeSet();
            for (Tuple key : r.getValue()) {
                Long code = t.keys.existingCode(key);
                if (code == null || !t.keys.isDown(code)) {
                    return false;
                }
                mine.add(code);
            }
            codes.put(t, mine);
        }
        for (Map<Long, Provenance> pulled : provenance.values()) {
            for (Provenance p : pulled.values()) {
                CodeSet mine = codes.get(p.edge().child);
                if (mine != null && mine.contains(p.code())) {
                    return false;
                }
            }
        }
        codes.forEach((t, mine) -> {
            var it = mine.iterator();
            while (it.hasNext()) {
                long code = it.next();
                t.keys.drop(code);
                t.downVia.forEach((edge, came) -> {
                    if (came.contains(code)) {
                        newRows.get(edge)[0]--;
                    }
                });
            }
        });
        return true;
    }

    /**
     * Queues the row's values for the downward edges into it. Edges that point at the same columns ask with
     * the same values, so they share one set per round (a person referenced by twenty tables is queued
     * once, not twenty times); edges still enter the queue in the order they first get a value.
     */
    private void enqueueChildren(TableState t, Object[] row) {
        if (t.downIn.isEmpty()) {
            return;
        }
        Tuple[] values = new Tuple[t.downTargets];
        Set<Tuple>[] sets = downSets.computeIfAbsent(t.id, k -> newSetArray(t.downTargets));
        for (Edge e : t.downIn) {
            int target = e.downTarget;
            if (values[target] == null) {
                values[target] = e.toValues(row);
                if (values[target] == null) {
                    continue;
                }
                if (sets[target] == null) {
                    sets[target] = new LinkedHashSet<>();
                }
                sets[target].add(values[target]);
            }
            downQueue.putIfAbsent(e, sets[target]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Tuple>[] newSetArray(int n) {
        return new Set[n];
    }

    private void pullParents(TableState t, Object[] row, long code) {
        for (Edge e : t.out) {
            if (!e.up) {
                continue;
            }
            Tuple v = e.fromValues(row);
            if (v == null || (e.toIdentity && e.parent.keys.containsIncluded(v))) {
                continue;
            }
            Set<Tuple> gone = missing.get(e);
            if (gone != null && gone.contains(v)) {
                continue;
            }
            upQueue.computeIfAbsent(e, k -> new LinkedHashMap<>()).putIfAbsent(v, new Provenance(e, code));
        }
    }

    /** A reference between two tables of the schema that the rules let the closure traverse. */
    static final class Edge {
        final int index;
        final Reference ref;
        final TableState child;
        final TableState parent;
        final boolean up;
        final boolean down;
        final List<Projection> fromProjections = new ArrayList<>();
        int[] fromIndex;
        int[] toIndex;
        ValueKind[] kinds;
        boolean toIdentity;
        /** Among the parent's downward edges, the index of the columns this one references. */
        int downTarget = -1;

        Edge(int index, Reference ref, TableState child, TableState parent, boolean up, boolean down) {
            this.index = index;
            this.ref = ref;
            this.child = child;
            this.parent = parent;
            this.up = up;
            this.down = down;
            if (ref.jsonPath() != null) {
                fromProjections.add(new Projection(ref.fromColumns().get(0), ref.jsonPath()));
            } else {
                ref.fromColumns().forEach(c -> fromProjections.add(Projection.column(c)));
            }
            child.project(fromProjections);
            parent.project(ref.toColumns().stream().map(Projection::column).toList());
            child.out.add(this);
            parent.in.add(this);
        }

        void bind() {
            fromIndex = child.indexes(fromProjections);
            toIndex = parent.indexes(ref.toColumns().stream().map(Projection::column).toList());
            kinds = new ValueKind[toIndex.length];
            for (int i = 0; i < kinds.length; i++) {
                kinds[i] = parent.kinds[toIndex[i]];
            }
            toIdentity = ref.toColumns().equals(parent.table.identity());
        }

        /** The referencing values of a child row in the parent's kinds, or null if any is null or foreign. */
        Tuple fromValues(Object[] row) {
            return values(row, fromIndex);
        }

        Tuple toValues(Object[] row) {
            return values(row, toIndex);
        }

        private Tuple values(Object[] row, int[] index) {
            Object[] v = new Object[index.length];
            for (int i = 0; i < index.length; i++) {
                v[i] = kinds[i].convert(row[index[i]]);
                if (v[i] == null) {
                    return null;
                }
            }
            return new Tuple(v);
        }

        /** The spec's spelling of the referencing side: {@code adb.public.event(payload->'$.personId')}. */
        String fromText() {
            return child.id + "(" + String.join(", ", fromProjections.stream().map(Projection::toString).toList()) + ")";
        }

        String toText() {
            return parent.id + "(" + String.join(", ", ref.toColumns()) + ")";
        }
    }

    /** One table as the engine reads it: what it projects, its edges and its key set. */
    static final class TableState {
        final TableId id;
        final Table table;
        final TableRule rule;
        final TableKeys keys;
        final List<Edge> out = new ArrayList<>();
        final List<Edge> in = new ArrayList<>();
        private final Map<Projection, Integer> projectionIndex = new LinkedHashMap<>();
        List<Projection> projections;
        ValueKind[] kinds;
        int[] identityIndex;
        /** This pass's banned and dropped rows of the table (they change only between passes), or null. */
        Set<Tuple> banned;
        Set<Tuple> dropped;
        /**
         * For a table a dangling {@code drop} may take rows out of: the rows each downward edge brought in first,
         * so that dropping rows in place ({@link ClosureEngine#dropLeaves}) keeps the counts per edge; else null.
         */
        Map<Edge, CodeSet> downVia;
        /** The downward edges into this table, in {@link #in}'s order, and how many distinct column lists they reference. */
        List<Edge> downIn = List.of();
        int downTargets;

        TableState(Table table, TableRule rule, Supplier<KeyDictionary> dictionaries) {
            this.id = table.id();
            this.table = table;
            this.rule = rule;
            List<String> identity = table.identity();
            boolean integers = identity.stream()
                    .allMatch(c -> ValueKind.of(table.column(c).orElseThrow()) == ValueKind.INTEGER);
            boolean integerKey = integers && identity.size() == 1;
            this.keys = new TableKeys(integerKey ? null : dictionaries.get(), integers && identity.size() == 2);
            project(identity.stream().map(Projection::column).toList());
        }

        boolean readable() {
            return rule.policy() == TablePolicy.DEFAULT || rule.policy() == TablePolicy.COPY_ALL;
        }

        void project(List<Projection> ps) {
            for (Projection p : ps) {
                projectionIndex.putIfAbsent(p, projectionIndex.size());
            }
        }

        int[] indexes(List<Projection> ps) {
            return ps.stream().mapToInt(projectionIndex::get).toArray();
        }

        void freeze() {
            projections = List.copyOf(projectionIndex.keySet());
            kinds = new ValueKind[projections.size()];
            for (int i = 0; i < kinds.length; i++) {
                Projection p = projections.get(i);
                kinds[i] = p.jsonPath() != null ? ValueKind.TEXT
                        : table.column(p.column()).map(ValueKind::of).orElseThrow(() -> new ClosureException(
                                "table " + id + " has no column " + p.column()));
            }
            identityIndex = indexes(table.identity().stream().map(Projection::column).toList());
        }

        void groupDownEdges() {
            downIn = in.stream().filter(e -> e.down).toList();
            List<List<String>> targets = new ArrayList<>();
            for (Edge e : downIn) {
                int i = targets.indexOf(e.ref.toColumns());
                if (i < 0) {
                    i = targets.size();
                    targets.add(e.ref.toColumns());
                }
                e.downTarget = i;
            }
            downTargets = targets.size();
        }

        List<String> identityColumns() {
            return table.identity();
        }

        /** The row's code in {@link #keys}, without building its key where the key is one or two integers. */
        long code(Object[] row) {
            if (keys.integerKey()) {
                return (Long) kinds[identityIndex[0]].convert(row[identityIndex[0]]);
            }
            if (keys.pairs()) {
                long packed = TableKeys.pack(kinds[identityIndex[0]].convert(row[identityIndex[0]]),
                        kinds[identityIndex[1]].convert(row[identityIndex[1]]));
                if (packed >= 0) {
                    return packed;
                }
            }
            return keys.code(identity(row));
        }

        Tuple identity(Object[] row) {
            Object[] v = new Object[identityIndex.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = kinds[identityIndex[i]].convert(row[identityIndex[i]]);
            }
            return new Tuple(v);
        }

        /** Whether the row is among {@code rows} (this table's banned or dropped rows), or false for none. */
        boolean isAmong(Object[] row, Set<Tuple> rows) {
            return rows != null && rows.contains(identity(row));
        }

        void checkLimit() {
            if (rule.rowLimit() > 0 && keys.includedCount() > rule.rowLimit()) {
                throw new ClosureException("table " + id + " would hold more than " + rule.rowLimit()
                        + " rows in the closure (row limit " + rule.rowLimit() + ")");
            }
        }
    }

    /** Breadth-first over downward edges from the tenant: each table's first path to the tenant. */
    Map<TableId, List<Edge>> ownershipChains() {
        Map<TableId, List<Edge>> chains = new LinkedHashMap<>();
        TableId tenant = rules.tenant().table();
        chains.put(tenant, List.of());
        ArrayDeque<TableState> queue = new ArrayDeque<>();
        queue.add(states.get(tenant));
        while (!queue.isEmpty()) {
            TableState t = queue.poll();
            for (Edge e : t.in) {
                if (e.down && !chains.containsKey(e.child.id)) {
                    List<Edge> chain = new ArrayList<>();
                    chain.add(e);
                    chain.addAll(chains.get(t.id));
                    chains.put(e.child.id, chain);
                    queue.add(e.child);
                }
            }
        }
        Map<String, Edge> byName = new HashMap<>();
        edges.forEach(e -> byName.put(e.ref.describe(), e));
        for (TableState t : states.values()) {
            List<String> path = t.rule.ownerPath();
            if (!path.isEmpty()) {
                List<Edge> chain = new ArrayList<>();
                for (String name : path) {
                    Edge e = byName.get(name);
                    if (e == null) {
                        throw new ClosureException("owner path of " + t.id + ": no traversable reference " + name);
                    }
                    chain.add(e);
                }
                chains.put(t.id, chain);
            }
        }
        return chains;
    }
}
