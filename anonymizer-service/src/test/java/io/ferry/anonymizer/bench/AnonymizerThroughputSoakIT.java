package io.ferry.anonymizer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymize.strategy.Anonymizer;
import io.ferry.anonymizer.batch.BatchAnonymizer;
import io.ferry.anonymizer.leak.LeakFiles;
import io.ferry.anonymizer.batch.BatchFixture;
import io.ferry.anonymize.leak.LeakHashes;
import io.ferry.anonymize.leak.LeakKey;
import io.ferry.anonymizer.leak.RunLeakCheck;
import io.ferry.anonymizer.rules.TableRules;
import io.ferry.anonymizer.work.RunTools;
import io.ferry.anonymizer.work.TransformPool;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.CopyText;
import io.ferry.batches.FileKey;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.ids.RunId;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.schema.model.TableId;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import io.ferry.testkit.HeapPeak;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Benchmark (only under {@code -Psoak}): the person-heavy tables of district-001 of the large estate (people,
 * accounts, submissions with free-text comments, events with JSON payloads: five or more personal fields per
 * row for people and accounts) are copied into encrypted raw batches of 250k rows, then anonymized with the
 * estate's rules as the service does on two cores (two batches at once, their rows transformed in chunks on a
 * shared pool of two threads), three times, each round with a new anonymizer (empty caches, as a fresh run); then
 * the run's leak check reads the anonymized batches, three times. Prints rows/s and fields/s per round and table,
 * the median, the leak check's rows/s and tokens/s and its median, the peak heap and RSS. Targets (issue 5): 150k rows/s per instance, heap under 512 MB, RSS under
 * 1 GiB.
 */
class AnonymizerThroughputSoakIT {

    private static final String RUN = "mig-20261121110000-001";
    private static final FileKey RAW_KEY = new FileKey(1,
            "ferry-bench-raw-file-key-32bytes".getBytes(StandardCharsets.US_ASCII));
    private static final int BATCH_ROWS = 250_000;
    /**
     * {@code -DtransformThreads=N} in {@code argLine}: the service's pool that anonymizes batches in chunks (2, as
     * the service has on two cores); 0 anonymizes each batch row by row on its own thread.
     */
    private static final int TRANSFORM_THREADS = Integer.getInteger("transformThreads", 2);
    /** {@code -Dtables=ids.person,adb.event} in {@code argLine} benchmarks (or profiles) those tables alone. */
    /**
     * {@code -DcacheSize=N} in {@code argLine}: the anonymizer's cached values per rule and thread (the service's
     * {@code output.cache-size}). Each round gets a new anonymizer, so no round finds the values of the one before.
     */
    private static final int CACHE_SIZE = Integer.getInteger("cacheSize", Anonymizer.Options.defaults().cacheSize());
    private static final Set<String> ONLY = Set.of(System.getProperty("tables", "").split(",")).stream()
            .filter(s -> !s.isBlank()).collect(java.util.stream.Collectors.toSet());

    /** store, table, the WHERE that keeps district-001's rows ({@code :d} is its id). */
    private static final List<String[]> TABLES = List.of(
            new String[] {"ids", "person", "district_id = :d"},
            new String[] {"ids", "user_account", "person_id IN (SELECT id FROM public.person WHERE district_id = :d)"},
            new String[] {"hcp2", "submission", "person_id = ANY(:people)"},
            new String[] {"adb", "event", "district_id = :d"});

    record Raw(BatchId id, Path file, List<BatchColumn> columns, long rows) {
    }

    @Test
    void anonymizeThePersonHeavyTablesOfDistrictOne(@TempDir Path dir) throws Exception {
        List<Raw> raws = new ArrayList<>();
        try (PostgresServer prod = PostgresServer.startTemporary()) {
            SampleEstate.generate(new EstateServers(prod, null, null, null),
                    new EstateOptions(Preset.LARGE, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            long district;
            String people;
            try (Connection c = prod.connect("ids"); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT d.id, array_agg(p.id)::text FROM public.district d JOIN "
                            + "public.person p ON p.district_id = d.id WHERE d.code = 'district-001' GROUP BY d.id")) {
                rs.next();
                district = rs.getLong(1);
                people = "'" + rs.getString(2) + "'::bigint[]";
            }
            for (String[] t : TABLES) {
                if (!ONLY.isEmpty() && !ONLY.contains(t[0] + "." + t[1])) {
                    continue;
                }
                raws.addAll(copyOut(prod, t[0], t[1], t[2].replace(":d", Long.toString(district))
                        .replace(":people", people), dir));
            }
        }
        RuleIndex rules = RuleIndex.of(new SpecParser(new Resolver(Map.of(), Map.of(), dir), Set.of())
                .read("ferry.yaml", SampleEstate.ferryYaml(), dir));
        LeakKey leakKey = BatchFixture.leakKey();
        var scrubber = BatchFixture.scrubber(dir, "Thea Vandermolen");
        Staging staging = new FileSystemStaging(dir.resolve("staging"));
        long totalRows = raws.stream().mapToLong(Raw::rows).sum();
        System.gc();
        List<Double> rates = new ArrayList<>();
        // CPU per row as well as rows/s: on the shared 2-core machine the wall time of a round moves by a fifth
        List<Double> cpuPerRow = new ArrayList<>();
        TransformPool transformers = TRANSFORM_THREADS > 0 ? new TransformPool(TRANSFORM_THREADS) : null;
        try (HeapPeak heap = new HeapPeak()) {
            Anonymizer anonymizer = null;
            for (int round = 1; round <= 3; round++) {
                anonymizer = new Anonymizer(BatchFixture.KEY, new Anonymizer.Options(
                        Anonymizer.Options.defaults().emailDomain(), Anonymizer.Options.defaults().idPrefix(), CACHE_SIZE));
                Anonymizer thisAnonymizer = anonymizer;
                RunTools tools = new RunTools(rules, anonymizer, scrubber, leakKey);
                AtomicLong fields = new AtomicLong();
                ExecutorService pool = Executors.newFixedThreadPool(2);
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                List<Future<?>> work = new ArrayList<>();
                for (Raw raw : raws) {
                    int thisRound = round;
                    work.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        Path out = dir.resolve("anon-" + raw.id().table() + "-" + raw.id().seq() + ".parquet");
                        Files.deleteIfExists(out);
                        TableRules bound = TableRules.bind(rules, thisAnonymizer,
                                new TableId(raw.id().store(), "public", raw.id().table()), raw.columns());
                        BatchAnonymizer.Outcome outcome;
                        try (BatchReader r = BatchReader.open(raw.file(), RAW_KEY);
                                BatchWriter w = BatchWriter.create(out, new BatchSchema(raw.columns(), Map.of()),
                                        BatchWriterOptions.defaults())) {
                            outcome = (transformers == null ? tools.batchAnonymizer()
                                    : transformers.batchAnonymizer(tools)).anonymize(bound, r, w);
                        }
                        assertThat(outcome.passed()).as("%s %s", raw.id(), outcome.problems()).isTrue();
                        double took = (System.nanoTime() - t0) / 1e9;
                        if (thisRound == 3) {
                            System.out.printf("  %s.%s: %,d rows in %.1f s: %,.0f rows/s, %.1f changed"
                                    + " fields per row%n", raw.id().store(), raw.id().table(), raw.rows(), took,
                                    raw.rows() / took, outcome.fieldsChanged() / (double) raw.rows());
                        }
                        fields.addAndGet(outcome.fieldsChanged());
                        LeakFiles.put(staging, raw.id(), outcome, dir);
                        staging.put(StagingLayout.anonymizedTwin(raw.id()), out);
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
                pool.shutdown();
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (processCpuNanos() - cpuStart) / 1e9;
                rates.add(totalRows / seconds);
                cpuPerRow.add(cpu * 1e6 / totalRows);
                System.out.printf("round %d: %,d rows in %.1f s: %,.0f rows/s, %,.0f changed fields/s; JVM CPU %.1f s,"
                        + " %.1f µs a row%n", round, totalRows, seconds, totalRows / seconds, fields.get() / seconds, cpu,
                        cpu * 1e6 / totalRows);
            }
            Anonymizer lastAnonymizer = anonymizer;
            List<Double> leakSeconds = new ArrayList<>();
            RunLeakCheck.Verdict verdict = null;
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                verdict = new RunLeakCheck(staging, leakKey,
                        (batch, columns) -> TableRules.bind(rules, lastAnonymizer,
                                new TableId(batch.store(), batch.schema(), batch.table()), columns),
                        dir.resolve("tmp"), 2).check(RunId.parse(RUN), LeakHashes.empty());
                double seconds = (System.nanoTime() - start) / 1e9;
                leakSeconds.add(seconds);
                System.out.printf("leak check %d: %d batches, %,d rows, %,d tokens in %.2f s: %,.0f rows/s, %,.0f tokens/s;"
                                + " %,d source hashes; %d findings%n", round, verdict.batches(), totalRows,
                        verdict.tokensChecked(), seconds, totalRows / seconds, verdict.tokensChecked() / seconds,
                        verdict.sourceHashes(), verdict.findings().size());
            }
            double leakMedian = leakSeconds.stream().sorted().toList().get(1);
            System.out.printf("leak check, median of 3: %.2f s, %,.0f rows/s%n", leakMedian, totalRows / leakMedian);
            List<Double> sorted = rates.stream().sorted().toList();
            System.out.printf("JVM CPU a row, median of 3: %.1f µs%n", cpuPerRow.stream().sorted().toList().get(1));
            System.out.printf("district-001 (large), person-heavy tables: %,d rows in %d batches; median of 3: %,.0f"
                            + " rows/s on 2 threads (transform pool: %d, cache %d); peak heap %d MiB (max %d MiB), peak RSS %d"
                            + " MiB%n", totalRows, raws.size(), sorted.get(1), TRANSFORM_THREADS, CACHE_SIZE, heap.bytes() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, HeapPeak.residentPeakBytes() >> 20);
            assertThat(verdict.findings()).isEmpty();
        } finally {
            if (transformers != null) {
                transformers.close();
            }
        }
    }

    /** The table's rows as raw batches of at most {@value #BATCH_ROWS} rows, read with COPY as the extractor does. */
    private static List<Raw> copyOut(PostgresServer prod, String store, String table, String where, Path dir)
            throws Exception {
        List<Raw> out = new ArrayList<>();
        try (Connection c = prod.connect(store)) {
            try (Statement st = c.createStatement()) {
                st.execute("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET IntervalStyle = postgres; "
                        + "SET extra_float_digits = 3; SET bytea_output = hex");
            }
            List<BatchColumn> columns = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT attname, "
                    + "format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'public." + table
                    + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
                while (rs.next()) {
                    columns.add(new BatchColumn(rs.getString(1), rs.getString(2)));
                }
            }
            CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (SELECT * FROM public." + table + " WHERE " + where + " ORDER BY 1) TO STDOUT");
            BatchWriter writer = null;
            long rows = 0;
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                if (writer == null) {
                    BatchId id = BatchId.of(RUN, Phase.EXTRACT, store, "public", table, out.size());
                    Path file = dir.resolve("raw-" + table + "-" + out.size() + ".parquet");
                    writer = BatchWriter.create(file, new BatchSchema(columns, Map.of()),
                            BatchWriterOptions.defaults().withEncryption(RAW_KEY));
                    out.add(new Raw(id, file, columns, 0));
                }
                writer.write(CopyText.decodeRow(line, columns.size()));
                if (++rows == BATCH_ROWS) {
                    writer.close();
                    writer = null;
                    out.set(out.size() - 1, new Raw(out.getLast().id(), out.getLast().file(), columns, rows));
                    rows = 0;
                }
            }
            if (writer != null) {
                writer.close();
                out.set(out.size() - 1, new Raw(out.getLast().id(), out.getLast().file(), columns, rows));
            }
        }
        System.out.printf("%s.%s: %,d rows in %d raw batches%n", store, table,
                out.stream().mapToLong(Raw::rows).sum(), out.size());
        return out;
    }

    /** CPU time of this JVM, every thread (the anonymizer's, Parquet's and the collector's). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
