package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "integer                      | 12secret",
            "integer                      | 2147483648",
            "smallint                     | 40000",
            "bigint                       | 1.5",
            "real                         | one",
            "double precision             | 1,5",
            "boolean                      | true",
            "date                         | 2024-02-30",
            "date                         | 02/01/2024",
            "timestamp without time zone  | 294277-01-01 00:00:00",
            "timestamp without time zone  | 2024-01-02 03:04:05+00",
            "timestamp with time zone     | 2024-01-02 03:04:05",
            "uuid                         | a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g",
            "uuid                         | a0eebc999c0b4ef8bb6d6bb9bd380a11",
            "bytea                        | \\\\001secret",
            "bytea                        | \\\\x0",
            "numeric(10,2)                | 1.234",
            "numeric(4,2)                 | 123.45",
            "numeric(10,2)                | 1e5",
            "numeric(10,2)                | Infinity",
            "numeric(38,0)                | 123456789012345678901234567890123456789"})
    void aValueThatDoesNotParseNamesRowColumnAndTypeButNotTheValue(String pgType, String value) throws Exception {
        Path file = dir.resolve("bad.parquet");
        try (BatchWriter writer = BatchWriter.create(file,
                BatchSchema.of(new BatchColumn("id", "integer"), new BatchColumn("the_column", pgType)),
                BatchWriterOptions.defaults())) {
            writer.write(new String[] {"1", null});
            assertThatThrownBy(() -> writer.write(new String[] {"2", value}))
                    .isInstanceOf(BatchFormatException.class)
                    .hasMessageStartingWith("row 2 of batch " + file + ", column 'the_column' (" + pgType + ")")
                    .hasNoCause()
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value));
            writer.write(new String[] {"3", null});
        }
        List<String> ids = new ArrayList<>();
        try (BatchReader reader = BatchReader.open(file, null)) {
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                ids.add(row[0]);
            }
        }
        assertThat(ids).as("the bad row is not written; the writer goes on").containsExactly("1", "3");
    }

    @Test
    void aRowWithTheWrongNumberOfValuesNamesBothCounts() {
        try (BatchWriter writer = BatchWriter.create(dir.resolve("b.parquet"),
                BatchSchema.of(new BatchColumn("a", "text"), new BatchColumn("b", "text")), BatchWriterOptions.defaults())) {
            assertThatThrownBy(() -> writer.write(new String[] {"only one"}))
                    .isInstanceOf(BatchFormatException.class)
                    .hasMessageContaining("row 1 of batch")
                    .hasMessageEndingWith("has 1 values, expected 2");
        }
    }

    @Test
    void neverOverwritesAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("existing.parquet"), "keep me");
        assertThatThrownBy(() -> BatchWriter.create(file, BatchSchema.of(new BatchColumn("a", "text")),
                BatchWriterOptions.defaults()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot create batch " + file);
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void countsRowsAndBytesAndRefusesRowsAfterClose() {
        BatchWriter writer = BatchWriter.create(dir.resolve("c.parquet"), BatchSchema.of(new BatchColumn("a", "text")),
                BatchWriterOptions.defaults());
        for (int i = 0; i < 1000; i++) {
            writer.write(new String[] {"value " + i});
        }
        assertThat(writer.rows()).isEqualTo(1000);
        assertThat(writer.dataSize()).isPositive();
        writer.close();
        writer.close();
        assertThatThrownBy(() -> writer.write(new String[] {"late"})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyBatchIsValid() {
        Path file = dir.resolve("empty.parquet");
        BatchSchema schema = BatchSchema.of(new BatchColumn("a", "integer"));
        BatchWriter.create(file, schema, BatchWriterOptions.defaults()).close();
        try (BatchReader reader = BatchReader.open(file, null)) {
            assertThat(reader.rows()).isZero();
            assertThat(reader.schema()).isEqualTo(schema);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void propertiesMayNotUseTheFormatsOwnPrefix() {
        assertThatThrownBy(() -> new BatchSchema(List.of(new BatchColumn("a", "text")),
                Map.of("ferry.batch.format", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved prefix");
        assertThatThrownBy(() -> BatchSchema.of(new BatchColumn("a", "text"), new BatchColumn("a", "integer")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appears twice");
    }
}
