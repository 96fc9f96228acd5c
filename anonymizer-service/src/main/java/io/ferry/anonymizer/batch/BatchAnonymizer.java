package io.ferry.anonymizer.batch;

import io.ferry.anonymize.strategy.AnonymizationException;
import io.ferry.anonymize.strategy.Anonymizer;
import io.ferry.anonymize.strategy.FieldRule;
import io.ferry.anonymize.strategy.Strategy;
import io.ferry.anonymize.text.Finding;
import io.ferry.anonymize.text.PiiKind;
import io.ferry.anonymize.text.RecentTexts;
import io.ferry.anonymize.text.ScrubCounts;
import io.ferry.anonymize.text.ScrubResult;
import io.ferry.anonymize.text.TextScrubber;
import io.ferry.anonymize.leak.LeakHashes;
import io.ferry.anonymize.leak.LeakKey;
import io.ferry.anonymize.leak.LeakTokens;
import io.ferry.anonymizer.leak.SourceIdentifiers;
import io.ferry.anonymizer.rules.ColumnAction;
import io.ferry.anonymizer.rules.TableRules;
import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchWriter;
import io.ferry.service.Futures;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Anonymizes one batch row by row, and checks it on the way (the per-batch half of DESIGN's leak check):
 * every value a transforming strategy ({@link Strategy#transforms()}) handles must come out different in
 * canonical form, every generated value must lie in its reserved range, and no strategy may refuse a
 * value. The source identifiers ({@link SourceIdentifiers}) are collected as keyed hashes for the run's
 * leak check. Problems are counted per field and never carry a value; a batch with any problem must not
 * be published. Pure apart from the reader and writer it is given; thread-safe (one call per batch).
 *
 * <p>Given a pool of transformers, the calling thread reads and writes the batch while the pool anonymizes it in
 * chunks of {@value #CHUNK_ROWS} rows, written back in their order: one batch can then use every core (a district's
 * largest table is one batch, and it alone took as long as all the others on the second core). The output, its
 * counts, problems and hashes are the same as row by row: every value's result depends on the value alone.
 */
public final class BatchAnonymizer {

    /** What went wrong in a field, and how often. */
    public record Problem(String field, String what, long count) {
    }

    /**
     * @param fieldsChanged   non-null values (and JSON leaves) written different from their source
     * @param sources         keyed hashes of the batch's source identifiers
     * @param generatedTuples keyed hashes of the identifying tuples written, each different from its own row's
     *                        source tuple: fake names and shifted dates come from the same lists and years as real
     *                        ones, so one of them may equal another person's tuple by chance, and the run's leak
     *                        check must tell that from a tuple carried over
     */
    public record Outcome(long rows, long fieldsChanged, ScrubCounts scrubbed, List<Problem> problems,
            LeakHashes sources, LeakHashes generatedTuples) {

        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /** A value that starts with an ISO date: what {@code date-shift} moves (compiled once: a hot path). */
    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    static final String UNCHANGED = "value unchanged by a transforming strategy";
    static final String OUT_OF_RANGE = "generated value outside its reserved range";
    static final String UNUSABLE = "value the strategy cannot take";
    static final String NOT_JSON = "value that is not JSON";

    /** Rows a transformer takes at a time: enough that handing them over costs nothing next to their work. */
    static final int CHUNK_ROWS = 1024;

    private final Anonymizer anonymizer;
    private final TextScrubber scrubber;
    private final LeakKey leakKey;
    private final ExecutorService transformers;
    private final int inFlight;

    /** Row by row, on the calling thread. */
    public BatchAnonymizer(Anonymizer anonymizer, TextScrubber scrubber, LeakKey leakKey) {
        this(anonymizer, scrubber, leakKey, null, 0);
    }

    /**
     * @param transformers the pool that anonymizes chunks of rows (null: row by row on the calling thread)
     * @param parallelism  the pool's threads: chunks are read ahead of the writer twice as far, and no further,
     *                     so a batch holds a bounded number of rows in memory
     */
    public BatchAnonymizer(Anonymizer anonymizer, TextScrubber scrubber, LeakKey leakKey, ExecutorService transformers,
            int parallelism) {
        this.anonymizer = anonymizer;
        this.scrubber = scrubber;
        this.leakKey = leakKey;
        this.transformers = transformers;
        this.inFlight = 2 * Math.max(1, parallelism);
    }

    public Outcome anonymize(TableRules rules, BatchReader in, BatchWriter out) {
        if (transformers == null) {
            Run run = new Run(rules);
            for (String[] row = in.next(); row != null; row = in.next()) {
                out.write(run.row(row));
            }
            return run.outcome();
        }
        Totals totals = new Totals();
        Deque<Future<Chunk>> pending = new ArrayDeque<>();
        try {
            for (List<String[]> rows = chunk(in); !rows.isEmpty(); rows = chunk(in)) {
                List<String[]> source = rows;
                pending.add(transformers.submit(() -> {
                    Run run = new Run(rules);
                    List<String[]> written = new ArrayList<>(source.size());
                    for (String[] row : source) {
                        written.add(run.row(row));
                    }
                    return new Chunk(written, run);
                }));
                if (pending.size() >= inFlight) {
                    write(pending.poll(), out, totals);
                }
            }
            while (!pending.isEmpty()) {
                write(pending.poll(), out, totals);
            }
        } finally {
            pending.forEach(f -> f.cancel(true));
        }
        return totals.outcome();
    }

    private static List<String[]> chunk(BatchReader in) {
        List<String[]> rows = new ArrayList<>(CHUNK_ROWS);
        String[] row;
        while (rows.size() < CHUNK_ROWS && (row = in.next()) != null) {
            rows.add(row);
        }
        return rows;
    }

    private static void write(Future<Chunk> next, BatchWriter out, Totals totals) {
        Chunk chunk = Futures.await(next, "anonymizing a batch");
        for (String[] row : chunk.rows()) {
            out.write(row);
        }
        totals.add(chunk.run());
    }

    /** A chunk's rows as written, and the state of their run. */
    private record Chunk(List<String[]> rows, Run run) {
    }

    /** The chunks' runs added up in their order: problems keep the order in which rows first had them. */
    private static final class Totals {

        private long rows;
        private long changed;
        private ScrubCounts scrubbed = ScrubCounts.ZERO;
        private final Map<String, Long> problems = new LinkedHashMap<>();
        private final List<LeakHashes> sources = new ArrayList<>();
        private final List<LeakHashes> generatedTuples = new ArrayList<>();

        void add(Run run) {
            Outcome o = run.outcome();
            rows += o.rows();
            changed += o.fieldsChanged();
            scrubbed = scrubbed.plus(o.scrubbed());
            run.problems.forEach((k, n) -> problems.merge(k, n, Long::sum));
            sources.add(o.sources());
            generatedTuples.add(o.generatedTuples());
        }

        Outcome outcome() {
            return new Outcome(rows, changed, scrubbed, Run.problemList(problems), LeakHashes.union(sources),
                    LeakHashes.union(generatedTuples));
        }
    }

    /** The state of one batch: counters, problems and source hashes. */
    private final class Run {

        private final TableRules rules;
        private final Map<String, Long> problems = new LinkedHashMap<>();
        private final LeakHashes.Builder sources = new LeakHashes.Builder();
        private final LeakKey.Hasher leakHasher = leakKey.hasher();
        private final LeakHashes.Builder generatedTuples = new LeakHashes.Builder();
        /** Keyed by identity: the form sets are {@link SourceIdentifiers}' constants, and hashing a set per value cost 5 %. */
        private final Map<Set<LeakTokens.Form>, RecentTexts<Boolean>> recent = new IdentityHashMap<>();
        private final LeakTokens.Encoder tokens = new LeakTokens.Encoder();
        private long rows;
        private long changed;
        private ScrubCounts scrubbed = ScrubCounts.ZERO;

        Run(TableRules rules) {
            this.rules = rules;
        }

        String[] row(String[] source) {
            rows++;
            String[] row = source.clone();
            for (int i = 0; i < row.length; i++) {
                String value = source[i];
                if (value == null) {
                    continue;
                }
                switch (rules.action(i)) {
                    case ColumnAction.Keep keep -> {
                    }
                    case ColumnAction.Transform t -> row[i] = transform(t, value,
                            t.entityColumn() < 0 ? null : source[t.entityColumn()]);
                    case ColumnAction.Scrub s -> row[i] = scrub(value);
                    case ColumnAction.Json j -> row[i] = json(j, value, source);
                }
                if (row[i] != null && !row[i].equals(value)) {
                    changed++;
                }
            }
            TableRules.Identity id = rules.identity();
            if (id.complete()) {
                String tuple = SourceIdentifiers.tuple(source[id.firstName()], source[id.lastName()],
                        source[id.birthDate()]);
                if (tuple != null) {
                    sources.add(leakHasher.hash(tuple));
                }
                String written = SourceIdentifiers.tuple(row[id.firstName()], row[id.lastName()], row[id.birthDate()]);
                if (written != null && !written.equals(tuple)) {
                    generatedTuples.add(leakHasher.hash(written));
                }
            }
            return row;
        }

        private String transform(ColumnAction.Transform t, String value, String entity) {
            String after;
            try {
                after = t.anonymizer().apply(value, entity);
            } catch (AnonymizationException e) {
                problem(t.where(), UNUSABLE);
                return null;
            }
            check(t.where(), t.rule(), value, after);
            return after;
        }

        /** The per-value checks, and the source's hashes when it identifies someone. */
        private void check(String where, FieldRule rule, String before, String after) {
            if (!rule.strategy().transforms() || before.isBlank()) {
                return;
            }
            if (mustDiffer(rule, before) && after != null && rule.type().sameCanonical(after, before)) {
                problem(where, UNCHANGED);
            }
            if (rule.generatesReservedRange() && after != null && !after.isBlank()
                    && !anonymizer.inReservedRange(rule.type(), after)) {
                problem(where, OUT_OF_RANGE);
            }
            if (SourceIdentifiers.identifying(rule.type(), before)) {
                remember(before, SourceIdentifiers.forms(rule.type()));
            }
        }

        private String scrub(String value) {
            List<Finding> findings = new ArrayList<>();
            ScrubResult r = scrubber.scrub(value, findings);
            for (Finding f : findings) {
                String found = value.substring(f.start(), f.end());
                if (f.kind() != PiiKind.NAME && SourceIdentifiers.longEnough(found)) {
                    remember(found, SourceIdentifiers.forms(f.kind()));
                }
            }
            scrubbed = scrubbed.plus(r.counts());
            return r.text();
        }

        /** One pass: the path rules rewrite their leaves, every other string leaf is scrubbed. */
        private String json(ColumnAction.Json action, String value, String[] source) {
            List<ColumnAction.PathRule> applied = action.rules();
            try {
                ScrubResult r = scrubber.scrubJson(value, action.paths(),
                        (i, text) -> {
                            ColumnAction.PathRule rule = applied.get(i);
                            String after = rule.anonymizer().apply(text,
                                    rule.entityColumn() < 0 ? null : source[rule.entityColumn()]);
                            checkLeaf(rule, text, after);
                            return after;
                        });
                scrubbed = scrubbed.plus(r.counts());
                return r.text();
            } catch (AnonymizationException e) {
                problem(action.where(), UNUSABLE);
            } catch (IllegalArgumentException e) {
                problem(action.where(), NOT_JSON);
            }
            return null;
        }

        private void checkLeaf(ColumnAction.PathRule rule, String before, String after) {
            check(rule.where(), rule.rule(), before, after);
        }

        /**
         * Hashes the value's forms into the batch's sources, unless the same value was just remembered with the
         * same forms: values repeat (a person's email on every event), and each form costs an HMAC.
         */
        private void remember(String value, Set<LeakTokens.Form> forms) {
            RecentTexts<Boolean> remembered = recent.computeIfAbsent(forms, f -> new RecentTexts<>());
            if (remembered.get(value) != null) {
                return;
            }
            remembered.put(value, Boolean.TRUE);
            tokens.forms(value, forms, (utf8, length) -> sources.add(leakHasher.hash(utf8, length)));
        }

        private void problem(String where, String what) {
            problems.merge(where + "\u0000" + what, 1L, Long::sum);
        }

        Outcome outcome() {
            return new Outcome(rows, changed, scrubbed, problemList(problems), sources.build(), generatedTuples.build());
        }

        static List<Problem> problemList(Map<String, Long> problems) {
            List<Problem> list = new ArrayList<>();
            problems.forEach((k, n) -> {
                int cut = k.indexOf('\u0000');
                list.add(new Problem(k.substring(0, cut), k.substring(cut + 1), n));
            });
            return List.copyOf(list);
        }
    }

    /**
     * Whether a transforming strategy has something to replace in the value: {@code token} keeps a value
     * without letters or digits, {@code fpe} one without the digits of its radix, {@code date-shift} a value
     * that does not start with an ISO date ({@code infinity}).
     */
    static boolean mustDiffer(FieldRule rule, String value) {
        return switch (rule.strategy()) {
            case TOKEN -> value.codePoints().anyMatch(Character::isLetterOrDigit);
            case FPE -> "hex".equals(rule.argument())
                    ? value.chars().anyMatch(c -> Character.digit(c, 16) >= 0)
                    : value.chars().anyMatch(c -> c >= '0' && c <= '9');
            case DATE_SHIFT -> ISO_DATE.matcher(value.strip()).lookingAt();
            default -> true;
        };
    }
}
