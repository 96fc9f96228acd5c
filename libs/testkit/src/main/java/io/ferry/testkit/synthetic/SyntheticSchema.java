package io.ferry.testkit.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A large, seeded, deterministic PostgreSQL schema for introspection and dependency-graph tests and
 * benchmarks: {@code synth.t000 ... t599} with 1,200 foreign keys, 30 % of them composite, 20 disjoint
 * cycles (nullable, deferrable, NOT NULL non-deferrable, and some with two cycles sharing tables),
 * self-references (some composite), nullable and deferrable references, and tables without a
 * primary key. Run {@link #ddl()} with {@code SqlScriptRunner}.
 *
 * <p>Ordinary references point from a higher-numbered table to a lower one, and each cycle closes
 * inside a block of 2 to 4 consecutive tables, so the cyclic components are exactly the blocks
 * (plus the self-referencing tables): {@link #cycles()} and {@link #selfReferences()} are what a
 * correct analysis must find.
 *
 * @param compositeForeignKeys how many of {@link #foreignKeys()} have two columns
 */
public record SyntheticSchema(String schema, String ddl, int tables, int foreignKeys, int compositeForeignKeys,
        int cycles, int selfReferences, int tablesWithoutPrimaryKey) {

    public static final String SCHEMA = "synth";

    /** One foreign key: child and parent table numbers. */
    private record Fk(int child, int parent, boolean composite, boolean nullable, boolean deferrable) {
    }

    /** The size: 600 tables, 1,200 foreign keys (30 % composite), 20 cycles, 24 self-references. */
    public static SyntheticSchema generate(long seed) {
        return generate(seed, 600, 1200, 0.30, 20, 24);
    }

    public static SyntheticSchema generate(long seed, int tableCount, int fkCount, double compositeShare, int cycleCount,
            int selfReferenceCount) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<Integer> noKey = new HashSet<>();
        for (int i = 24; i < tableCount; i += 25) {
            noKey.add(i);
        }
        List<Fk> fks = new ArrayList<>();
        int[] blockOf = new int[tableCount];
        Arrays.fill(blockOf, -1);
        int start = 5;
        for (int k = 0; k < cycleCount; k++) {
            int length = 2 + k % 3;
            while (anyIn(noKey, start, length)) {
                start++;
            }
            if (start + length > tableCount) {
                throw new IllegalArgumentException("too few tables for " + cycleCount + " cycles");
            }
            boolean composite = k % 5 == 0;
            int kind = k % 4; // 0 nullable, 1 deferrable, 2 NOT NULL, 3 nullable with a second cycle sharing tables
            for (int m = 1; m < length; m++) {
                fks.add(new Fk(start + m, start + m - 1, composite, false, false));
            }
            fks.add(new Fk(start, start + length - 1, composite, kind == 0 || kind == 3, kind == 1));
            if (kind == 3 && length > 2) {
                fks.add(new Fk(start, start + 1, false, true, false));
            }
            for (int m = 0; m < length; m++) {
                blockOf[start + m] = k;
            }
            start += length + 7;
        }
        int selfRefs = 0;
        for (int i = tableCount - 1; i >= 0 && selfRefs < selfReferenceCount; i -= 7) {
            if (blockOf[i] < 0 && !noKey.contains(i)) {
                fks.add(new Fk(i, i, selfRefs % 3 == 0, true, false));
                selfRefs++;
            }
        }
        if (selfRefs < selfReferenceCount) {
            throw new IllegalArgumentException("too few tables for " + selfReferenceCount + " self-references");
        }
        int composites = (int) Math.round(fkCount * compositeShare);
        int compositeLeft = composites - (int) fks.stream().filter(Fk::composite).count();
        int ordinary = fkCount - fks.size();
        for (int n = 0; n < ordinary; n++) {
            int child;
            int parent;
            do {
                child = 1 + random.nextInt(tableCount - 1);
                parent = random.nextInt(child);
            } while (noKey.contains(parent) || (blockOf[child] >= 0 && blockOf[child] == blockOf[parent]));
            boolean composite = random.nextInt(ordinary - n) < compositeLeft;
            if (composite) {
                compositeLeft--;
            }
            fks.add(new Fk(child, parent, composite, random.nextInt(10) < 4, random.nextInt(20) == 0));
        }
        return new SyntheticSchema(SCHEMA, render(tableCount, noKey, fks), tableCount, fks.size(), composites,
                cycleCount, selfReferenceCount, noKey.size());
    }

    private static boolean anyIn(Set<Integer> set, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (set.contains(i)) {
                return true;
            }
        }
        return false;
    }

    private static String render(int tableCount, Set<Integer> noKey, List<Fk> fks) {
        List<List<String>> columns = new ArrayList<>();
        for (int i = 0; i < tableCount; i++) {
            columns.add(new ArrayList<>());
        }
        StringBuilder fkDdl = new StringBuilder();
        for (int n = 0; n < fks.size(); n++) {
            Fk fk = fks.get(n);
            String notNull = fk.nullable() ? "" : " NOT NULL";
            String col = "f" + n;
            columns.get(fk.child()).add(col + "_id bigint" + notNull);
            String from = col + "_id";
            String to = "id";
            if (fk.composite()) {
                columns.get(fk.child()).add(col + "_part integer" + notNull);
                from += ", " + col + "_part";
                to += ", part";
            }
            fkDdl.append("ALTER TABLE ").append(name(fk.child())).append(" ADD CONSTRAINT ").append(table(fk.child()))
                    .append('_').append(col).append("_fkey FOREIGN KEY (").append(from).append(") REFERENCES ")
                    .append(name(fk.parent())).append(" (").append(to).append(')')
                    .append(fk.deferrable() ? " DEFERRABLE INITIALLY DEFERRED" : "").append(";\n");
        }
        StringBuilder ddl = new StringBuilder("CREATE SCHEMA " + SCHEMA + ";\n");
        for (int i = 0; i < tableCount; i++) {
            ddl.append("CREATE TABLE ").append(name(i)).append(" (\n    id bigint NOT NULL,\n    part integer NOT NULL,\n")
                    .append("    label text");
            for (String c : columns.get(i)) {
                ddl.append(",\n    ").append(c);
            }
            if (!noKey.contains(i)) {
                ddl.append(",\n    PRIMARY KEY (id),\n    UNIQUE (id, part)");
            }
            ddl.append("\n);\n");
        }
        return ddl.append(fkDdl).toString();
    }

    private static String table(int i) {
        return String.format("t%03d", i);
    }

    private static String name(int i) {
        return SCHEMA + "." + table(i);
    }
}
