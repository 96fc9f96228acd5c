package io.ferry.validator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.batches.BatchReader;
import io.ferry.batches.CopyText;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.Finding;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateReport;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Planted;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.schema.mapping.ColumnMapping;
import io.ferry.schema.mapping.SchemaMapping;
import io.ferry.schema.mapping.TableMapping;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.DistrictStage;
import io.ferry.spec.model.TableMode;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.HeapPeak;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.validator.check.CertLookup;
import io.ferry.validator.check.ClosureChecks;
import io.ferry.validator.check.DuckSession;
import io.ferry.validator.check.Findings;
import io.ferry.service.testing.EstateSpec;
import io.ferry.validator.work.CertEstate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Engine comparison (runs under {@code -Psoak}): the checks inside the closure that need a join or a
 * grouping (every reference among the run's rows, per store and across stores, and the primary and unique
 * keys) done (a) as the validator does them, in DuckDB over the staged Parquet batches, and (b) in
 * PostgreSQL, standing in for a design that first loads the run into a scratch database: a separate
 * embedded server, one database, one schema per store, every staged table loaded with COPY into an
 * UNLOGGED table with the batches' own column types (text where the type is PROD's own, e.g. an enum),
 * then ANALYZE, then the same anti-joins and GROUP BY ... HAVING. Both engines must give the same counts
 * for every reference and every key. The run is district-001 of the large estate, as in
 * {@link ValidationBenchmarkSoakIT}, plus the estate's planted orphans (a few rows of another district,
 * so that some counts are not zero). Three rounds, each engine once per round; prints each round and the
 * medians, the JVM's peak RSS per engine and the PostgreSQL backends' (outside the JVM).
 */
class ClosureEngineComparisonSoakIT {

    private static final String RUN = "mig-20261121170000-001";
    private static final int ROUNDS = 3;
    private static final int EXAMPLES = 5;
    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");

    @Test
    void duckDbAgainstPostgresForTheChecksInsideTheClosure(@TempDir Path dir) throws Exception {
        try (PostgresServer prod = PostgresServer.startTemporary(); PostgresServer cert = PostgresServer.startTemporary();
                PostgresServer scratch = PostgresServer.startTemporary()) {
            EstateReport report = SampleEstate.generate(new EstateServers(prod, cert, null, null),
                    new EstateOptions(Preset.LARGE, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            LoadedSpec spec = EstateSpec.write(dir.resolve("spec"), prod, cert);
            Staging staging = new FileSystemStaging(dir.resolve("staging"));
            List<Planted> orphans = report.planted().stream()
                    .filter(p -> p.kind().equals("orphan") && !"district-001".equals(p.district())).toList();
            DistrictStage.stage(prod, spec, "district-001", orphans, staging, RUN, dir);
            Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(RUN), dir.resolve("batches"));
            long rows = staged.values().stream().mapToLong(StagedTable::rows).sum();
            System.out.printf("staged district-001 + %d planted orphan rows: %,d rows in %d tables%n",
                    orphans.stream().mapToLong(Planted::count).sum(), rows, staged.size());

            // The inputs as ValidationJob builds them.
            CertEstate certEstate = CertEstate.introspect(spec.spec(), spec.resolver());
            Map<TableId, TableMapping> mappings = new LinkedHashMap<>();
            for (StagedTable t : staged.values()) {
                if (!t.graph()) {
                    TableMapping m = SchemaMapping.map(spec.spec().drift(), t.id(), t.prodColumns(),
                            certEstate.schema().table(t.id()).orElse(null));
                    if (m.loadable()) {
                        mappings.put(t.id(), m);
                    }
                }
            }
            Set<TableId> assumed = spec.spec().closure().tables().entrySet().stream()
                    .filter(e -> e.getValue().mode() == TableMode.ASSUME_PRESENT).map(e -> e.getKey().table())
                    .collect(Collectors.toSet());
            List<Reference> references = certEstate.schema().references().stream()
                    .filter(r -> staged.containsKey(r.from())).toList();
            Predicate<TableId> inCert = t -> assumed.contains(t) && !staged.containsKey(t);
            Inputs in = new Inputs(staged, mappings, references, inCert, certEstate.schema()::table);

            List<Duck> ducks = new ArrayList<>();
            List<Pg> pgs = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                String load = loadAverage();
                Duck duck = duck(in, dir.resolve("work"));
                Pg pg = postgres(in, scratch, "closure_" + round);
                ducks.add(duck);
                pgs.add(pg);
                System.out.printf("round %d (load average %s): DuckDB open %.2f s + keys %.2f s + references %.2f s"
                                + " = %.2f s, JVM peak RSS %d MiB (+%d MiB) | PostgreSQL load %.2f s (COPY %.2f s, ANALYZE %.2f s) + keys %.2f s"
                                + " + references %.2f s = %.2f s, JVM peak RSS %d MiB (+%d MiB), backends' peak RSS %d MiB"
                                + " (private %d MiB), database %d MiB on disk%n",
                        round, load, duck.load, duck.keys, duck.references, duck.total(), duck.rss >> 20,
                        (duck.rss - duck.rssBefore) >> 20, pg.load, pg.copy, pg.analyze, pg.keys, pg.references, pg.total(),
                        pg.rss >> 20, (pg.rss - pg.rssBefore) >> 20, pg.backendPeak >> 20,
                        pg.backendPrivate >> 20, pg.databaseBytes >> 20);
                assertThat(pg.keyCounts).as("key counts, PostgreSQL against DuckDB").isEqualTo(duck.keyCounts);
                assertThat(pg.referenceCounts).as("reference counts, PostgreSQL against DuckDB")
                        .isEqualTo(duck.referenceCounts);
                assertThat(pg.lookups).as("keys handed on to CERT, PostgreSQL against DuckDB").isEqualTo(duck.lookups);
                assertThat(pg.referenceChecks).isEqualTo(duck.referenceChecks);
            }
            Duck d = ducks.get(0);
            Pg p = pgs.get(0);
            System.out.printf("checked: %d keys, %d references (%,d reference checks) in-closure, %d references"
                            + " handed on to CERT; nonzero: keys %s, references %s; CERT lookups (rows, distinct keys) %s%n",
                    p.keyQueries, p.referenceQueries, d.referenceChecks, d.lookups.size(),
                    d.keyCounts, d.referenceCounts, d.lookups);
            System.out.printf("medians of %d: DuckDB %.2f s (keys %.2f s, references %.2f s), JVM peak RSS %d MiB (+%d MiB);"
                            + " PostgreSQL %.2f s = load %.2f s (COPY %.2f s, ANALYZE %.2f s) + queries %.2f s (keys %.2f s,"
                            + " references %.2f s), JVM peak RSS %d MiB (+%d MiB), backends' peak RSS %d MiB (private %d MiB),"
                            + " database %d MiB; load average %s%n", ROUNDS,
                    median(ducks, Duck::total), median(ducks, x -> x.keys), median(ducks, x -> x.references),
                    (long) median(ducks, x -> (double) x.rss) >> 20,
                    (long) median(ducks, x -> (double) (x.rss - x.rssBefore)) >> 20,
                    median(pgs, Pg::total), median(pgs, x -> x.load), median(pgs, x -> x.copy), median(pgs, x -> x.analyze),
                    median(pgs, x -> x.keys + x.references), median(pgs, x -> x.keys), median(pgs, x -> x.references),
                    (long) median(pgs, x -> (double) x.rss) >> 20,
                    (long) median(pgs, x -> (double) (x.rss - x.rssBefore)) >> 20,
                    (long) median(pgs, x -> (double) x.backendPeak) >> 20,
                    (long) median(pgs, x -> (double) x.backendPrivate) >> 20,
                    (long) median(pgs, x -> (double) x.databaseBytes) >> 20, loadAverage());
        }
    }

    private record Inputs(Map<TableId, StagedTable> staged, Map<TableId, TableMapping> mappings,
            List<Reference> references, Predicate<TableId> inCert,
            java.util.function.Function<TableId, Optional<Table>> cert) {
    }

    private static final class Duck {
        double load;
        double keys;
        double references;
        long rss;
        long rssBefore;
        long referenceChecks;
        Map<String, Long> keyCounts = new TreeMap<>();
        Map<String, Long> referenceCounts = new TreeMap<>();
        Map<String, List<Long>> lookups = new TreeMap<>();

        double total() {
            return load + keys + references;
        }
    }

    private static final class Pg {
        double load;
        double copy;
        double analyze;
        double keys;
        double references;
        long rss;
        long rssBefore;
        long backendPeak;
        long backendPrivate;
        long databaseBytes;
        long referenceChecks;
        int keyQueries;
        int referenceQueries;
        Map<String, Long> keyCounts = new TreeMap<>();
        Map<String, Long> referenceCounts = new TreeMap<>();
        Map<String, List<Long>> lookups = new TreeMap<>();

        double total() {
            return load + keys + references;
        }
    }

    /** (a) What ValidationJob's closure step does for keys and references, with the production classes. */
    private static Duck duck(Inputs in, Path work) throws Exception {
        Duck r = new Duck();
        r.rssBefore = resetResidentPeak();
        Findings findings = new Findings();
        long t0 = System.nanoTime();
        List<CertLookup> lookups;
        try (DuckSession duck = new DuckSession(work, 2, "256MB")) {
            for (StagedTable table : in.staged().values()) {
                duck.register(table);
            }
            ClosureChecks checks = new ClosureChecks(duck, in.staged(), in.cert(), findings, EXAMPLES);
            long t1 = System.nanoTime();
            for (Map.Entry<TableId, TableMapping> e : in.mappings().entrySet()) {
                checks.keys(in.staged().get(e.getKey()), e.getValue());
            }
            long t2 = System.nanoTime();
            lookups = checks.references(in.references(), in.inCert());
            long t3 = System.nanoTime();
            r.load = (t1 - t0) / 1e9;
            r.keys = (t2 - t1) / 1e9;
            r.references = (t3 - t2) / 1e9;
            r.referenceChecks = checks.referenceChecks();
        }
        r.rss = HeapPeak.residentPeakBytes();
        for (Finding f : findings.list()) {
            String key = f.store() + " " + f.table() + " " + f.column();
            switch (f.check()) {
                case "primary-key", "unique" -> r.keyCounts.merge(key, f.count(), Long::sum);
                case "reference", "cross-store" -> r.referenceCounts.merge(key, f.count(), Long::sum);
                default -> throw new AssertionError("unexpected finding " + f);
            }
        }
        for (CertLookup l : lookups) {
            r.lookups.put(l.reference().from() + " " + l.column() + " -> " + l.reference().to(),
                    List.of(l.keys().stream().mapToLong(CertLookup.Key::rows).sum(), (long) l.keys().size()));
        }
        return r;
    }

    /** (b) The run loaded into a scratch PostgreSQL database, then the same checks there. */
    private static Pg postgres(Inputs in, PostgresServer server, String database) throws Exception {
        Pg r = new Pg();
        r.rssBefore = resetResidentPeak();
        server.createDatabase(database);
        try {
            Map<TableId, Map<String, String>> types = new HashMap<>();
            long t0 = System.nanoTime();
            try (Connection c = server.connect(database); Statement st = c.createStatement()) {
                for (String store : in.staged().keySet().stream().map(TableId::store).distinct().toList()) {
                    st.execute("CREATE SCHEMA " + quote(store));
                }
                for (StagedTable t : in.staged().values()) {
                    Map<String, String> columns = new LinkedHashMap<>();
                    for (var col : t.columns()) {
                        columns.put(col.name(), builtIn(c, col.pgType()) ? col.pgType() : "text");
                    }
                    types.put(t.id(), columns);
                    st.execute("CREATE UNLOGGED TABLE " + table(t.id()) + " (" + columns.entrySet().stream()
                            .map(e -> quote(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "))
                            + ") WITH (autovacuum_enabled = false)"); // ANALYZEd once loaded
                }
            }
            // Two loaders (the machine has two cores; DuckDB gets two threads), biggest tables first.
            ConcurrentLinkedQueue<StagedTable> queue = new ConcurrentLinkedQueue<>(in.staged().values().stream()
                    .sorted(Comparator.comparingLong(StagedTable::rows).reversed()).toList());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<long[]>> loaders = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                loaders.add(pool.submit(() -> {
                    try (Connection c = server.connect(database)) {
                        StagedTable t;
                        while ((t = queue.poll()) != null) {
                            copy(c, t);
                        }
                        return backendMemory(c);
                    }
                }));
            }
            for (Future<long[]> f : loaders) {
                long[] m = f.get();
                r.backendPeak = Math.max(r.backendPeak, m[0]);
                r.backendPrivate = Math.max(r.backendPrivate, m[1]);
            }
            pool.shutdown();
            long t1 = System.nanoTime();
            try (Connection c = server.connect(database); Statement st = c.createStatement()) {
                st.execute("ANALYZE");
                long t2 = System.nanoTime();
                r.copy = (t1 - t0) / 1e9;
                r.analyze = (t2 - t1) / 1e9;
                r.load = (t2 - t0) / 1e9;
                st.execute("SET work_mem = '64MB'");
                for (Map.Entry<TableId, TableMapping> e : in.mappings().entrySet()) {
                    keys(c, in, types, in.staged().get(e.getKey()), e.getValue(), r);
                }
                long t3 = System.nanoTime();
                for (Reference ref : in.references()) {
                    reference(c, in, types, ref, r);
                }
                long t4 = System.nanoTime();
                r.keys = (t3 - t2) / 1e9;
                r.references = (t4 - t3) / 1e9;
                long[] m = backendMemory(c);
                r.backendPeak = Math.max(r.backendPeak, m[0]);
                r.backendPrivate = Math.max(r.backendPrivate, m[1]);
                try (ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
                    rs.next();
                    r.databaseBytes = rs.getLong(1);
                }
            }
            r.rss = HeapPeak.residentPeakBytes();
        } finally {
            try (Connection c = server.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE " + quote(database));
            }
        }
        return r;
    }

    private static boolean builtIn(Connection c, String type) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regtype(?) IS NOT NULL")) {
            ps.setString(1, type);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Every batch of the table into its table, as COPY text: what a loader into PostgreSQL does. */
    private static void copy(Connection c, StagedTable t) throws SQLException, IOException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table(t.id()) + " FROM STDIN");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
        try {
            for (Path file : t.files()) {
                try (BatchReader reader = BatchReader.open(file, null)) {
                    String[] row;
                    while ((row = reader.next()) != null) {
                        CopyText.encodeRow(row, buffer);
                        if (buffer.size() >= 1 << 20) {
                            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                            buffer.reset();
                        }
                    }
                }
            }
            if (buffer.size() > 0) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Primary and unique keys, the same query shape as ClosureChecks.keys. */
    private static void keys(Connection c, Inputs in, Map<TableId, Map<String, String>> types, StagedTable table,
            TableMapping mapping, Pg r) throws SQLException {
        Table target = in.cert().apply(table.id()).orElseThrow();
        List<Key> keys = new ArrayList<>();
        target.primary().ifPresent(keys::add);
        keys.addAll(target.uniqueKeys());
        String ex = example(table, target, "r");
        for (Key key : keys) {
            List<String> sources = new ArrayList<>();
            for (String column : key.columns()) {
                Optional<ColumnMapping> m = mapping.column(column);
                if (m.isEmpty() || m.get().source() == null) {
                    sources = null;
                    break;
                }
                sources.add(m.get().source());
            }
            if (sources == null) {
                continue;
            }
            String cols = sources.stream().map(s -> "r." + quote(s)).collect(Collectors.joining(", "));
            String notNull = sources.stream().map(s -> "r." + quote(s) + " IS NOT NULL").collect(Collectors.joining(" AND "));
            long rows = 0;
            r.keyQueries++;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT sum(n) OVER (), ex FROM"
                    + " (SELECT count(*) AS n, min(" + ex + ") AS ex FROM " + table(table.id()) + " r WHERE " + notNull
                    + " GROUP BY " + cols + " HAVING count(*) > 1) d ORDER BY ex LIMIT " + EXAMPLES)) {
                while (rs.next()) {
                    rows = rs.getLong(1);
                }
            }
            if (rows > 0) {
                r.keyCounts.merge(table.id().store() + " " + table.id().qualified() + " " + String.join(",", key.columns()),
                        rows, Long::sum);
            }
        }
    }

    /** One reference: the anti-join, or for a target assumed present in CERT the distinct keys to look up. */
    private static void reference(Connection c, Inputs in, Map<TableId, Map<String, String>> types, Reference ref, Pg r)
            throws SQLException {
        StagedTable child = in.staged().get(ref.from());
        if (child == null || ref.origin() == Reference.Origin.GRAPH) {
            assertThat(ref.origin()).isNotEqualTo(Reference.Origin.GRAPH); // the estate's PostgreSQL stores have none
            return;
        }
        List<String> childTypes = new ArrayList<>();
        List<String> childExprs = new ArrayList<>();
        for (String column : ref.fromColumns()) {
            if (child.column(column).isEmpty()) {
                return;
            }
            if (ref.jsonPath() != null) {
                childTypes.add("text");
                childExprs.add("c." + quote(column) + jsonText(ref.jsonPath()));
            } else {
                childTypes.add(types.get(child.id()).get(column));
                childExprs.add("c." + quote(column));
            }
        }
        StagedTable parent = in.staged().get(ref.to());
        Optional<Table> certParent = in.cert().apply(ref.to());
        List<String> parentTypes = new ArrayList<>();
        for (String column : ref.toColumns()) {
            Optional<String> type = parent != null ? Optional.ofNullable(types.get(parent.id()).get(column))
                    : certParent.flatMap(t -> t.column(column)).map(Column::type);
            if (type.isEmpty()) {
                return;
            }
            parentTypes.add(type.get());
        }
        String notNull = childExprs.stream().map(e -> e + " IS NOT NULL").collect(Collectors.joining(" AND "));
        String missing = "true";
        if (parent != null) {
            List<String> equal = new ArrayList<>();
            for (int i = 0; i < childExprs.size(); i++) {
                String kind = INTEGERS.contains(childTypes.get(i)) || INTEGERS.contains(parentTypes.get(i)) ? "integer"
                        : childTypes.get(i).equals("uuid") || parentTypes.get(i).equals("uuid") ? "uuid" : "text";
                equal.add(normalize("p." + quote(ref.toColumns().get(i)), parentTypes.get(i), kind, childTypes.get(i))
                        + " = " + normalize(childExprs.get(i), childTypes.get(i), kind, parentTypes.get(i)));
            }
            missing = "NOT EXISTS (SELECT 1 FROM " + table(parent.id()) + " p WHERE " + String.join(" AND ", equal) + ")";
        }
        String ex = example(child, in.cert().apply(child.id()).orElse(null), "c");
        String from = table(child.id()) + " c WHERE " + notNull + " AND " + missing;
        r.referenceChecks += child.rows();
        r.referenceQueries++;
        String column = ref.jsonPath() != null ? String.join(",", ref.fromColumns()) + "->'" + ref.jsonPath() + "'"
                : String.join(",", ref.fromColumns());
        if (in.inCert().test(ref.to())) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < childExprs.size(); i++) {
                keys.add("CAST(" + childExprs.get(i) + " AS text) AS k" + i);
            }
            String group = java.util.stream.IntStream.range(0, childExprs.size()).mapToObj(i -> "k" + i)
                    .collect(Collectors.joining(", "));
            long rows = 0;
            long distinct = 0;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + group + ", count(*),"
                    + " min(ex) FROM (SELECT " + String.join(", ", keys) + ", " + ex + " AS ex FROM " + from + ") k"
                    + " GROUP BY " + group)) {
                while (rs.next()) {
                    rows += rs.getLong(childExprs.size() + 1);
                    distinct++;
                }
            }
            r.lookups.put(ref.from() + " " + column + " -> " + ref.to(), List.of(rows, distinct));
            return;
        }
        long rows = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) OVER (), " + ex
                + " AS ex FROM " + from + " ORDER BY ex LIMIT " + EXAMPLES)) {
            while (rs.next()) {
                rows = rs.getLong(1);
            }
        }
        if (rows > 0) {
            r.referenceCounts.merge(child.id().store() + " " + child.id().qualified() + " " + column, rows, Long::sum);
        }
    }

    /**
     * One side of a comparison as DuckDB's ClosureChecks compares it (integers as BIGINT where they parse,
     * UUIDs as lower-case text, else text), written so that same-typed columns compare as they are and the
     * planner can hash them.
     */
    private static String normalize(String expression, String type, String kind, String otherType) {
        return switch (kind) {
            case "integer" -> INTEGERS.contains(type) ? (INTEGERS.contains(otherType) ? expression
                    : "CAST(" + expression + " AS bigint)")
                    : type.equals("text") || type.startsWith("character") || type.startsWith("json")
                    ? "(CASE WHEN " + expression + " ~ '^\\s*[-+]?[0-9]{1,18}\\s*$' THEN CAST(" + expression
                    + " AS bigint) END)" : "CAST(" + expression + " AS bigint)";
            case "uuid" -> type.equals("uuid") && otherType.equals("uuid") ? expression
                    : "lower(CAST(" + expression + " AS text))";
            default -> type.equals(otherType) ? expression : "CAST(" + expression + " AS text)";
        };
    }

    /** {@code $.a.b} as {@code ->'a'->>'b'}. */
    private static String jsonText(String path) {
        assertThat(path).matches("\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+");
        String[] steps = path.substring(2).split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < steps.length; i++) {
            sb.append(i == steps.length - 1 ? "->>" : "->").append("'").append(steps[i]).append("'");
        }
        return sb.toString();
    }

    /** The example text of a row, as SqlKeys writes it (CERT's primary key, else the first three columns). */
    private static String example(StagedTable staged, Table cert, String alias) {
        List<String> columns;
        if (cert != null && cert.primaryKey() != null
                && cert.primaryKey().columns().stream().allMatch(c -> staged.column(c).isPresent())) {
            columns = cert.primaryKey().columns();
        } else {
            columns = staged.columns().subList(0, Math.min(3, staged.columns().size())).stream().map(c -> c.name())
                    .toList();
        }
        return columns.stream().map(c -> "'" + c.replace("'", "''") + "=' || coalesce(CAST(" + alias + "." + quote(c)
                + " AS VARCHAR), 'NULL')").collect(Collectors.joining(" || ',' || "));
    }

    private static String table(TableId id) {
        return quote(id.store()) + "." + quote(id.schema() + "." + id.name());
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** VmHWM and RssAnon of the session's backend process (outside the JVM), in bytes. */
    private static long[] backendMemory(Connection c) throws SQLException {
        long pid;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getLong(1);
        }
        long[] m = new long[2];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    m[0] = Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                } else if (line.startsWith("RssAnon:")) {
                    m[1] = Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return new long[] {-1, -1};
        }
        return m;
    }

    /**
     * Resets the process's VmHWM to its current RSS (Linux: 5 to clear_refs), so each engine's peak is its own;
     * returns the RSS it starts from.
     */
    private static long resetResidentPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            System.out.println("cannot reset the peak RSS: " + e);
        }
        return HeapPeak.residentPeakBytes();
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static <T> double median(List<T> values, java.util.function.ToDoubleFunction<T> f) {
        double[] v = values.stream().mapToDouble(f).sorted().toArray();
        return v[v.length / 2];
    }
}
