package io.ferry.anonymizer.batch;

import io.ferry.anonymize.AnonymizationKey;
import io.ferry.anonymize.classify.TokenDictionary;
import io.ferry.anonymize.strategy.Anonymizer;
import io.ferry.anonymize.text.DictionaryHashes;
import io.ferry.anonymize.text.TextScrubber;
import io.ferry.anonymize.leak.LeakKey;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.spec.model.AnonymizeRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Keys, a district dictionary and batch files for anonymizer tests. */
public final class BatchFixture {

    public static final AnonymizationKey KEY = new AnonymizationKey(1,
            "ferry-test-anonymization-key-of-32+bytes".getBytes(StandardCharsets.UTF_8));
    public static final byte[] DICTIONARY_KEY = "ferry-test-dictionary-key-32-bytes!".getBytes(StandardCharsets.UTF_8);

    private BatchFixture() {
    }

    public static Anonymizer anonymizer() {
        return new Anonymizer(KEY);
    }

    public static LeakKey leakKey() {
        return new LeakKey(KEY);
    }

    /** A scrubber whose dictionary holds these people's names (first and last name pairs). */
    public static TextScrubber scrubber(Path dir, String... names) throws IOException {
        TokenDictionary dictionary = new TokenDictionary(DICTIONARY_KEY);
        for (String name : names) {
            dictionary.add(io.ferry.anonymize.classify.DataType.FULL_NAME, name);
        }
        Path file = dir.resolve("tokens.txt");
        dictionary.writeTo(file);
        return new TextScrubber(DICTIONARY_KEY, DictionaryHashes.read(file), KEY.derive("scrub"), KEY.version());
    }

    public static AnonymizeRule column(String column, String type) {
        return new AnonymizeRule(column, null, null, type, null, null);
    }

    public static AnonymizeRule column(String column, String type, String strategy, String entity) {
        return new AnonymizeRule(column, null, null, type, strategy, entity);
    }

    public static AnonymizeRule path(String column, String path, String type) {
        return new AnonymizeRule(column, null, path, type, null, null);
    }

    public static List<BatchColumn> columns(String... nameAndType) {
        List<BatchColumn> columns = new ArrayList<>();
        for (int i = 0; i < nameAndType.length; i += 2) {
            columns.add(new BatchColumn(nameAndType[i], nameAndType[i + 1]));
        }
        return columns;
    }

    public static void write(Path file, List<BatchColumn> columns, List<String[]> rows) {
        try (BatchWriter w = BatchWriter.create(file, new BatchSchema(columns, java.util.Map.of()),
                BatchWriterOptions.defaults())) {
            rows.forEach(w::write);
        }
    }

    public static List<String[]> read(Path file) {
        List<String[]> rows = new ArrayList<>();
        try (BatchReader r = BatchReader.open(file, null)) {
            for (String[] row = r.next(); row != null; row = r.next()) {
                rows.add(Arrays.copyOf(row, row.length));
            }
        }
        return rows;
    }
}
