package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every encoding through a file, with the values that are easy to get wrong: each value is written
 * as PostgreSQL prints it (session settings of DESIGN.md) and must come back as the same text, so
 * {@code col::text} survives the trip. Text PostgreSQL would not print, but reads, comes back in
 * PostgreSQL's own form ({@link #inputPostgresWouldPrintDifferentlyComesBackInItsPrintedForm}).
 */
class BatchRoundTripTest {

    @TempDir
    Path dir;

    /** One column per case: its type and the values PostgreSQL prints for it (null = SQL NULL). */
    private record Case(String pgType, String... values) {
    }

    private static final List<Case> CASES = List.of(
            new Case("smallint", "0", "-32768", "32767", "42", null),
            new Case("integer", "0", "-2147483648", "2147483647", "-1", null),
            new Case("bigint", "0", "-9223372036854775808", "9223372036854775807", "1", null),
            new Case("real", "NaN", "Infinity", "-Infinity", "-0", "0", "1.5", "0.1", "1e+06", "123456",
                    "3.4028235e+38", "1e-45", "1.1754944e-38", "8.388608e+06", "-2.5e-05"),
            new Case("double precision", "NaN", "Infinity", "-Infinity", "-0", "0", "1e+20", "0.1", "1.5",
                    "100", "123456789012345", "1e+15", "0.0001", "1e-05", "1.7976931348623157e+308", "5e-324",
                    "2.2250738585072014e-308", "0.3333333333333333", "-1.2345e-300"),
            new Case("boolean", "t", "f", null, "t", "f"),
            new Case("text", "", null, "line\nbreak\ttab\\backslash", "Zoë 東京 😀", "\\N", "  spaces  "),
            new Case("character varying(40)", "", "x", null, "\r\n", "a", "ß"),
            new Case("character varying", "any", "", null, "b", "c"),
            new Case("name", "pg_class", "", null, "x", "y"),
            new Case("\"char\"", "a", "", null, "\\201", "z"),
            new Case("bytea", "\\x", "\\x00ff10", null, "\\xdeadbeef", "\\x5c78"),
            new Case("date", "2024-01-02", "infinity", "-infinity", "0044-03-15 BC", "4713-11-24 BC", "0001-01-01",
                    "0001-12-31 BC", "9999-12-31", "10000-01-01", "5874897-12-31", "2000-02-29", null),
            new Case("timestamp without time zone", "2024-01-02 03:04:05.123456", "2024-01-02 03:04:05",
                    "2024-01-02 03:04:05.5", "infinity", "-infinity", "0044-03-15 12:00:00 BC",
                    "4713-11-24 00:00:00 BC", "1969-12-31 23:59:59.999999", "10000-01-01 00:00:00",
                    "294246-12-31 23:59:59.999999", "1970-01-01 00:00:00.000001", null),
            new Case("timestamp with time zone", "2024-01-02 03:04:05.123456+00", "infinity", "-infinity",
                    "0044-03-15 12:00:00+00 BC", "2024-06-30 23:59:59.9+00", "12345-01-01 00:00:00+00", null,
                    "1900-01-01 00:00:00+00", "0001-01-01 00:00:00+00", "1970-01-01 00:00:00+00", "2000-01-01 00:00:00.01+00"),
            new Case("timestamp(3) without time zone", "2024-01-02 03:04:05.123", null, "infinity", "2024-01-02 03:04:05",
                    "1999-12-31 23:59:59.999"),
            new Case("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "00000000-0000-0000-0000-000000000000",
                    "ffffffff-ffff-ffff-ffff-ffffffffffff", null, "01234567-89ab-cdef-0123-456789abcdef"),
            new Case("numeric(10,2)", "1.50", "0.00", "-0.05", "NaN", "99999999.99", "-99999999.99", null, "12.00"),
            new Case("numeric(4,4)", "0.1234", "-0.0001", "0.0000", "NaN", null),
            new Case("numeric(18,0)", "999999999999999999", "-999999999999999999", "0", "NaN", null),
            new Case("numeric(38,10)", "9999999999999999999999999999.9999999999",
                    "-9999999999999999999999999999.9999999999", "0.0000000000", "NaN", "1.5000000000",
                    "-0.0000000001", null),
            new Case("numeric(19,0)", "9999999999999999999", "-9999999999999999999", "NaN", "0", "1"),
            // everything below travels as text
            new Case("numeric", "1e+20", "NaN", "Infinity", "-Infinity", "0.000000000000000000001", "1.50"),
            new Case("character(5)", "ab   ", "     ", null, "abcde", "x    "),
            new Case("time without time zone", "24:00:00", "00:00:00", "12:34:56.789", null, "23:59:59.999999"),
            new Case("time with time zone", "12:00:00+05:30", "00:00:00+00", null, "1:2", "x"),
            new Case("interval", "1 year 2 mons 3 days 04:05:06.789", "-00:00:01", "00:00:00", null, "infinity"),
            new Case("text[]", "{a,\"b c\",NULL,\"\\\\\"}", "{}", null, "{{1,2},{3,4}}", "{\"\"}"),
            new Case("jsonb", "{\"a\": [1, 2.50, null, \"x\\ny\"]}", "null", null, "\"\"", "[]"),
            new Case("public.mpaa_rating", "PG-13", "NC-17", null, "G", "R"),
            new Case("tsvector", "'a':1 'fat':2 'rat':3", "", null, "'x'", "'y'"),
            new Case("money", "$1,000.00", "-$0.01", null, "$0.00", "$1.00"),
            new Case("inet", "192.168.0.1/24", "::1", null, "10.0.0.1", "2001:db8::/32"),
            new Case("tstzrange", "[\"2024-01-01 00:00:00+00\",infinity)", "empty", null, "(,)", "[,]"),
            new Case("xml", "<a>b</a>", "", null, "<x/>", "text"));

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void everyValueComesBackAsTheTextPostgresPrints(boolean encrypted) {
        List<BatchColumn> columns = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            columns.add(new BatchColumn("c" + i, CASES.get(i).pgType()));
        }
        int rows = CASES.stream().mapToInt(c -> c.values().length).max().orElseThrow();
        List<String[]> written = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            String[] row = new String[CASES.size()];
            for (int c = 0; c < CASES.size(); c++) {
                String[] values = CASES.get(c).values();
                row[c] = r < values.length ? values[r] : null;
            }
            written.add(row);
        }
        BatchSchema schema = new BatchSchema(columns, Map.of("store", "ids", "table", "public.person"));
        FileKey key = encrypted ? TestKeys.key(1) : null;
        Path file = dir.resolve("batch.parquet");
        try (BatchWriter writer = BatchWriter.create(file, schema, BatchWriterOptions.defaults().withEncryption(key))) {
            written.forEach(writer::write);
            assertThat(writer.rows()).isEqualTo(rows);
        }

        List<String[]> read = new ArrayList<>();
        try (BatchReader reader = BatchReader.open(file, key)) {
            assertThat(reader.schema()).isEqualTo(schema);
            assertThat(reader.rows()).isEqualTo(rows);
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                read.add(row);
            }
            assertThat(reader.next()).isNull();
        }
        assertThat(read).hasSize(rows);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < CASES.size(); c++) {
                assertThat(read.get(r)[c]).as("row %d, %s", r, CASES.get(c).pgType()).isEqualTo(written.get(r)[c]);
            }
        }
        assertThat(read.stream().map(Arrays::asList).toList())
                .isEqualTo(written.stream().map(Arrays::asList).toList());
    }

    /**
     * Text PostgreSQL reads but would not print comes back as PostgreSQL prints the value it reads:
     * the batch stores the value, not the text. The extractor only ever passes PostgreSQL's own
     * output, so this matters only for hand-written rows.
     */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "double precision            | 1.0E20                         | 1e+20",
            "double precision            | 4.9E-324                       | 5e-324",
            "double precision            | 0.10                           | 0.1",
            "real                        | 1.0E6                          | 1e+06",
            "real                        | 1.4E-45                        | 1e-45",
            "numeric(10,2)               | 1.5                            | 1.50",
            "numeric(10,2)               | -0.00                          | 0.00",
            "numeric(10,2)               | 007                            | 7.00",
            "bytea                       | \\xDEADbeef                    | \\xdeadbeef",
            "uuid                        | A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11 | a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "timestamp with time zone    | 2024-01-02 08:34:05.5+05:30    | 2024-01-02 03:04:05.5+00",
            "timestamp with time zone    | 1890-01-01 00:00:00-04:56:02   | 1890-01-01 04:56:02+00",
            "timestamp with time zone    | 0001-01-01 00:30:00+01 BC      | 0002-12-31 23:30:00+00 BC",
            "timestamp without time zone | 2024-01-02 03:04:05.120000     | 2024-01-02 03:04:05.12"})
    void inputPostgresWouldPrintDifferentlyComesBackInItsPrintedForm(String pgType, String input, String printed) {
        Path file = dir.resolve("canonical.parquet");
        try (BatchWriter writer = BatchWriter.create(file, BatchSchema.of(new BatchColumn("v", pgType)),
                BatchWriterOptions.defaults())) {
            writer.write(new String[] {input});
        }
        try (BatchReader reader = BatchReader.open(file, null)) {
            assertThat(reader.next()).containsExactly(printed);
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void columnNamesAreKeptExactlyWhateverTheyHoldAndPropertiesComeBack(boolean encrypted) {
        BatchSchema schema = new BatchSchema(List.of(new BatchColumn("first.name", "text"),
                new BatchColumn("Last Name", "integer"), new BatchColumn("ünïcødé", "date"),
                new BatchColumn("\"quoted\", a;b", "numeric(5,1)"), new BatchColumn("select", "text[]")),
                Map.of("store", "ids", "fingerprint", "sha256:0f1e", "empty", ""));
        FileKey key = encrypted ? TestKeys.key(2) : null;
        Path file = dir.resolve("names.parquet");
        String[] row = {"x", "1", "2024-01-02", "1.5", "{a}"};
        try (BatchWriter writer = BatchWriter.create(file, schema, BatchWriterOptions.defaults().withEncryption(key))) {
            writer.write(row);
        }
        try (BatchReader reader = BatchReader.open(file, key)) {
            assertThat(reader.schema()).isEqualTo(schema);
            assertThat(reader.next()).containsExactly(row);
        }
    }
}
