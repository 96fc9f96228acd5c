package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch larger than a row group is written and read one row group at a time, rows in order; columns
 * marked distinct have no dictionary.
 */
class BatchRowGroupTest {

    private static final int ROWS = 200_000;

    @TempDir
    Path dir;

    private static String[] row(int i) {
        return new String[] {
                Integer.toString(i),
                "name-" + Long.toHexString(mix(i)) + Long.toHexString(mix(-i)),
                i % 10 == 0 ? null : "2024-01-" + String.format("%02d", i % 28 + 1) + " 12:00:00." + (i % 9 + 1) + "+00",
                (i % 3 == 0 ? "-" : "") + (i % 100_000 + 1) + "." + String.format("%02d", i % 100)};
    }

    /** A fixed scramble of {@code i} (SplitMix64's finalizer), so the rows compress about as real data does. */
    private static long mix(long i) {
        long z = i * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Test
    void aSmallRowGroupSizeGivesSeveralRowGroupsAndEveryRowInOrder() throws IOException {
        Path file = dir.resolve("big.parquet");
        BatchSchema schema = BatchSchema.of(new BatchColumn("id", "integer"), new BatchColumn("name", "text"),
                new BatchColumn("at", "timestamp with time zone"), new BatchColumn("amount", "numeric(12,2)"));
        long sizeBeforeClose;
        try (BatchWriter writer = BatchWriter.create(file, schema,
                BatchWriterOptions.defaults().withRowGroupSize(1024 * 1024).withPageSize(64 * 1024))) {
            for (int i = 0; i < ROWS; i++) {
                writer.write(row(i));
            }
            sizeBeforeClose = writer.dataSize();
        }
        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file))) {
            // the row group size bounds what the writer buffers: compressed pages, plus the page being filled
            assertThat(footer.getRowGroups()).hasSizeGreaterThan(2);
            assertThat(footer.getRowGroups()).allSatisfy(group ->
                    assertThat(group.getCompressedSize()).isLessThan(2L * 1024 * 1024));
        }
        assertThat(sizeBeforeClose).isBetween(Files.size(file) / 2, Files.size(file) * 2);

        try (BatchReader reader = BatchReader.open(file, null)) {
            assertThat(reader.rows()).isEqualTo(ROWS);
            int i = 0;
            for (String[] read = reader.next(); read != null; read = reader.next(), i++) {
                if (!Arrays.equals(read, row(i))) {
                    assertThat(read).as("row %d", i).containsExactly(row(i));
                }
            }
            assertThat(i).isEqualTo(ROWS);
        }
    }

    @Test
    void noColumnGetsADictionaryAndRepeatsStillReadTheSame() throws IOException {
        BatchSchema schema = BatchSchema.of(new BatchColumn("id", "integer"), new BatchColumn("kind", "text"),
                new BatchColumn("school", "bigint"));
        Path file = dir.resolve("kinds.parquet");
        try (BatchWriter writer = BatchWriter.create(file, schema, BatchWriterOptions.defaults())) {
            for (int i = 0; i < 10_000; i++) {
                writer.write(new String[] {Integer.toString(i), "kind-" + i % 10, Long.toString(7_000_000_000L + i % 3)});
            }
        }
        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file))) {
            assertThat(footer.getRowGroups()).allSatisfy(group -> assertThat(group.getColumns())
                    .allSatisfy(column -> assertThat(column.hasDictionaryPage()).as(column.getPath().toDotString()).isFalse()));
        }
        try (BatchReader reader = BatchReader.open(file, null)) {
            int i = 0;
            for (String[] read = reader.next(); read != null; read = reader.next(), i++) {
                assertThat(read).containsExactly(Integer.toString(i), "kind-" + i % 10, Long.toString(7_000_000_000L + i % 3));
            }
            assertThat(i).isEqualTo(10_000);
        }
    }
}
