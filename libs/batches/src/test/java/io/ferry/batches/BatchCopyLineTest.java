package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch written from {@code COPY} lines ({@link BatchWriter#writeCopyLine}, no string per value) is the batch written
 * from their decoded strings, byte for byte, and a value that does not parse is refused with the same message.
 */
class BatchCopyLineTest {

    @TempDir
    Path dir;

    private static final BatchSchema SCHEMA = BatchSchema.of(new BatchColumn("i", "integer"),
            new BatchColumn("s", "smallint"), new BatchColumn("b", "bigint"), new BatchColumn("t", "text"),
            new BatchColumn("u", "uuid"), new BatchColumn("d", "date"), new BatchColumn("n", "numeric(10,2)"),
            new BatchColumn("f", "boolean"), new BatchColumn("j", "jsonb"));

    private static byte[] line(String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyText.encodeRow(values, out);
        return out.toByteArray();
    }

    private static List<byte[]> lines() {
        List<byte[]> lines = new ArrayList<>();
        lines.add(line("1", "2", "3", "plain", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "2024-02-29", "12.50", "t", "{}"));
        lines.add(line(null, null, null, null, null, null, null, null, null));
        lines.add(line("-2147483648", "-32768", "-9223372036854775808", "", null, "infinity", "-0.01", "f", "[1]"));
        lines.add(line("2147483647", "32767", "9223372036854775807", "tab\there, line\nthere, back\\slash", null, null,
                null, null, "{\"a\": \"\\u00e9\"}"));
        lines.add(line("-0", "0", "000000000000000000012", "café 日本 \uD83D\uDE00", null, null, null, null, null));
        lines.add(line("+7", "7", "+123456789012345678", "\\N is text here", null, null, null, null, null));
        lines.add(line("0", "0", "-999999999999999999", "x", null, null, null, null, null));
        // bytes that are not UTF-8 in a text field: both ways read them as the string decoder does
        byte[] bad = line("5", "5", "5", "XX", null, null, null, null, null);
        int at = new String(bad, StandardCharsets.ISO_8859_1).indexOf("XX");
        bad[at] = (byte) 0xC3;
        bad[at + 1] = (byte) 0x28;
        lines.add(bad);
        // an escaped octal byte and a \N among escapes
        lines.add("6\t6\t6\t\\303\\251t\\303\\251\t\\N\t\\N\t\\N\t\\N\t\\N\n".getBytes(StandardCharsets.UTF_8));
        return lines;
    }

    @Test
    void theSameBatchEitherWay() throws Exception {
        Path fromStrings = dir.resolve("strings.parquet");
        Path fromLines = dir.resolve("lines.parquet");
        try (BatchWriter a = BatchWriter.create(fromStrings, SCHEMA, BatchWriterOptions.defaults());
                BatchWriter b = BatchWriter.create(fromLines, SCHEMA, BatchWriterOptions.defaults())) {
            for (byte[] line : lines()) {
                a.write(CopyText.decodeRow(line, SCHEMA.columns().size()));
                b.writeCopyLine(line);
            }
        }
        assertThat(read(fromLines)).hasSize(lines().size()).containsExactlyElementsOf(read(fromStrings));
        assertThat(Files.readAllBytes(fromLines)).isEqualTo(Files.readAllBytes(fromStrings));
        assertThat(read(fromLines).get(4)).containsExactly("0", "0", "12", "café 日本 \uD83D\uDE00", null, null, null, null,
                null);
    }

    @Test
    void aValueThatDoesNotParseIsRefusedAsTheStringWouldBe() throws Exception {
        String[][] cases = {{"12secret", "1", "1"}, {"2147483648", "1", "1"}, {"1", "40000", "1"}, {"1", "1", "1.5"},
                {"1", "1", "99999999999999999999"}, {"-", "1", "1"}, {"", "1", "1"}, {"1", "1", "--1"},
                {"1", "1", "1 "}, {"1", "-32769", "1"}};
        for (String[] c : cases) {
            byte[] line = line(c[0], c[1], c[2], "t", null, null, null, null, null);
            Throwable fromString;
            Throwable fromLine;
            try (BatchWriter a = BatchWriter.create(dir.resolve("a.parquet"), SCHEMA, BatchWriterOptions.defaults());
                    BatchWriter b = BatchWriter.create(dir.resolve("b.parquet"), SCHEMA, BatchWriterOptions.defaults())) {
                fromString = catchThrowable(() -> a.write(CopyText.decodeRow(line, SCHEMA.columns().size())));
                fromLine = catchThrowable(() -> b.writeCopyLine(line));
                a.writeCopyLine(line("9", "9", "9", "after", null, null, null, null, null));
                b.writeCopyLine(line("9", "9", "9", "after", null, null, null, null, null));
            }
            assertThat(fromLine).as(String.join(",", c)).isInstanceOf(BatchFormatException.class);
            assertThat(fromLine.getMessage().replace("b.parquet", "a.parquet")).isEqualTo(fromString.getMessage());
            assertThat(read(dir.resolve("b.parquet"))).as("the bad row is not written; the writer goes on")
                    .containsExactlyElementsOf(read(dir.resolve("a.parquet"))).hasSize(1);
            Files.delete(dir.resolve("a.parquet"));
            Files.delete(dir.resolve("b.parquet"));
        }
    }

    @Test
    void aLineWithTheWrongNumberOfFieldsIsRefused() {
        try (BatchWriter writer = BatchWriter.create(dir.resolve("c.parquet"), SCHEMA, BatchWriterOptions.defaults())) {
            assertThat(catchThrowable(() -> writer.writeCopyLine("1\t2\n".getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(BatchFormatException.class).hasMessage("COPY row has 2 fields, expected 9");
            assertThat(writer.rows()).isZero();
        }
    }

    private static List<List<String>> read(Path file) {
        List<List<String>> rows = new ArrayList<>();
        try (BatchReader reader = BatchReader.open(file, null)) {
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                rows.add(java.util.Arrays.asList(row));
            }
        }
        return rows;
    }
}
