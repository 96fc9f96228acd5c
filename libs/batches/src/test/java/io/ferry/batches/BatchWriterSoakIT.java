package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput of the batch format on one thread, as extraction and loading use it: 1,000,000 COPY
 * lines of a 10-column mixed table decoded ({@link CopyText#decodeRow}) and written encrypted, with
 * each compression codec; then read back, and read back and encoded as COPY lines. Prints, per run
 * and as the median of 3, rows per second of wall time and rows per second of the thread's CPU time
 * (the second does not depend on what else the machine runs). Asserts only that every row comes
 * back. Only under {@code -Psoak}:
 * {@code ./mvnw -B -o -q -pl libs/batches verify -Psoak -Dit.test=BatchWriterSoakIT}.
 *
 * <p>The rows are held as COPY lines, as the extractor receives them: decoding one just before
 * writing it leaves its strings in the CPU cache, as in the extractor. (Holding a million decoded
 * rows instead makes every value a cache miss and measures the memory, not the writer.)
 */
class BatchWriterSoakIT {

    private static final int ROWS = 1_000_000;
    private static final int RUNS = 3;
    private static final BatchSchema SCHEMA = BatchSchema.of(
            new BatchColumn("id", "bigint"),
            new BatchColumn("external_id", "uuid"),
            new BatchColumn("first_name", "character varying(40)"),
            new BatchColumn("last_name", "character varying(60)"),
            new BatchColumn("email", "text"),
            new BatchColumn("birth_date", "date"),
            new BatchColumn("created_at", "timestamp with time zone"),
            new BatchColumn("balance", "numeric(12,2)"),
            new BatchColumn("score", "double precision"),
            new BatchColumn("active", "boolean"));
    private static final int COLUMNS = SCHEMA.columns().size();
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken",
            "Frances", "John", "Radia", "Niklaus", "Sophie", "Tim", "Zoë", "Ólafur", "Chloé", "Jürgen", "Amélie", "Yuki"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton",
            "Thompson", "Allen", "Backus", "Perlman", "Wirth", "Wilson", "Berners-Lee", "Müller", "Søndergaard",
            "O'Neil", "García", "Nakamura", "Kowalski"};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    /** A million rows as COPY lines: names repeat, emails and ids are unique, times and amounts random. */
    private static List<byte[]> copyLines() {
        SplittableRandom random = new SplittableRandom(2024);
        List<byte[]> lines = new ArrayList<>(ROWS);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        for (int i = 0; i < ROWS; i++) {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)]
                    + (random.nextInt(50) == 0 ? "-" + LAST[random.nextInt(LAST.length)] : "");
            long micros = random.nextLong(946_684_800_000_000L, 1_735_689_600_000_000L);
            line.reset();
            CopyText.encodeRow(new String[] {
                    Long.toString(1_000_000_000L + i),
                    new UUID(random.nextLong(), random.nextLong()).toString(),
                    first,
                    last,
                    random.nextInt(20) == 0 ? null : (first + "." + last + i + "@example.org").toLowerCase(),
                    DateTimeText.formatDate(random.nextInt(-25_000, 15_000)),
                    DateTimeText.formatTimestamp(micros - micros % (random.nextBoolean() ? 1_000_000 : 1), true),
                    (random.nextInt(4) == 0 ? "-" : "") + (random.nextInt(1_000_000) + 1) + "."
                            + String.format("%02d", random.nextInt(100)),
                    FloatText.formatDouble(Math.round(random.nextDouble() * 1e6) / 1e4),
                    random.nextInt(10) == 0 ? "f" : "t"}, line);
            lines.add(line.toByteArray());
        }
        return lines;
    }

    @Test
    void decodesWritesAndReadsAMillionEncryptedRows() throws IOException {
        List<byte[]> lines = copyLines();
        FileKey key = TestKeys.key(1);
        System.out.printf("%,d rows x %d columns, encrypted (AES-GCM), one thread; rows/s of wall time"
                + " (rows/s of the thread's CPU time)%n", ROWS, COLUMNS);
        write(lines, BatchWriterOptions.defaults().withEncryption(key), dir.resolve("warm-up.parquet"));

        Measure decode = new Measure();
        for (int run = 0; run < RUNS; run++) {
            decode.start();
            long fields = 0;
            for (byte[] line : lines) {
                fields += CopyText.decodeRow(line, COLUMNS).length;
            }
            decode.stop(run);
            assertThat(fields).isEqualTo((long) ROWS * COLUMNS);
        }
        decode.print("COPY decode only");

        for (BatchWriterOptions.Compression compression : BatchWriterOptions.Compression.values()) {
            BatchWriterOptions options = BatchWriterOptions.defaults().withEncryption(key).withCompression(compression);
            Measure write = new Measure();
            Measure read = new Measure();
            Measure load = new Measure();
            long size = 0;
            for (int run = 0; run < RUNS; run++) {
                Path file = dir.resolve(compression + "-" + run + ".parquet");
                write.start();
                write(lines, options, file);
                write.stop(run);

                read.start();
                long rows = 0;
                try (BatchReader reader = BatchReader.open(file, key)) {
                    for (String[] row = reader.next(); row != null; row = reader.next()) {
                        rows++;
                    }
                }
                read.stop(run);
                assertThat(rows).isEqualTo(ROWS);

                load.start();
                assertThat(readAsCopy(file, key)).isEqualTo(lines.stream().mapToLong(line -> line.length).sum());
                load.stop(run);
                size = Files.size(file);
                Files.delete(file);
            }
            System.out.printf("%s: file %,.1f MB (%.1f bytes/row)%n", compression, size / 1e6, (double) size / ROWS);
            write.print(compression + " decode+write");
            read.print(compression + " read");
            load.print(compression + " read+encode");
        }
    }

    /** The extraction path: each COPY line decoded, then written. */
    private static void write(List<byte[]> lines, BatchWriterOptions options, Path file) {
        try (BatchWriter writer = BatchWriter.create(file, SCHEMA, options)) {
            for (byte[] line : lines) {
                writer.write(CopyText.decodeRow(line, COLUMNS));
            }
        }
    }

    /** The load path: each row read, then encoded into a COPY buffer sent on every MiB. */
    private static long readAsCopy(Path file, FileKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 << 20);
        long bytes = 0;
        try (BatchReader reader = BatchReader.open(file, key)) {
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                CopyText.encodeRow(row, out);
                if (out.size() >= 1 << 20) {
                    bytes += out.size();
                    out.reset();
                }
            }
        }
        return bytes + out.size();
    }

    /** Wall and thread CPU time of each run. */
    private static final class Measure {
        private final double[] wall = new double[RUNS];
        private final double[] cpu = new double[RUNS];
        private long wallStart;
        private long cpuStart;

        void start() {
            wallStart = System.nanoTime();
            cpuStart = THREADS.getCurrentThreadCpuTime();
        }

        void stop(int run) {
            wall[run] = ROWS / ((System.nanoTime() - wallStart) / 1e9);
            cpu[run] = ROWS / ((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        }

        void print(String what) {
            StringBuilder runs = new StringBuilder();
            for (int run = 0; run < RUNS; run++) {
                runs.append(String.format("  %,.0f (%,.0f)", wall[run], cpu[run]));
            }
            System.out.printf("  %-26s median %,9.0f rows/s (%,9.0f)   runs:%s%n", what, median(wall), median(cpu), runs);
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }
}
