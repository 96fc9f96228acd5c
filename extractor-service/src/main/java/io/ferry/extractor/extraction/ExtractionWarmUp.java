package io.ferry.extractor.extraction;

import io.ferry.anonymize.classify.DataType;
import io.ferry.anonymize.classify.Field;
import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymize.classify.TokenDictionary;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.CopyText;
import io.ferry.batches.FileKey;
import io.ferry.classify.Assessment;
import io.ferry.classify.SampledField;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.Progress;
import io.ferry.planning.Tuple;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.schema.neo4j.GraphValues;
import io.ferry.service.run.WorkFolders;
import io.ferry.service.warmup.SyntheticPeople;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rehearsal of the extractor's own Java work on {@link SyntheticPeople made-up people}, run once at start so
 * that the JIT has compiled it before the first run's preflight and extraction: {@code COPY} text decoded into
 * encrypted batches ({@link BatchOutput}), key sets ({@link KeySets}) and the key lists of {@code COPY} statements
 * ({@link ExtractQueries}), graph nodes turned into batch rows ({@link GraphStoreReader#row}), classification by
 * name and value (which loads the name lists) and the free-text dictionary. In {@code ferry bench} a cold extractor
 * spent 15-16 s of its 35-36 s of CPU in the run compiling, more than its work threads.
 *
 * <p>It reads nothing from PROD and knows no spec, run or key of a run: the file key is random and thrown away,
 * and the folder is deleted afterwards. The JDBC and Bolt drivers' own code is left to the first run.
 */
public final class ExtractionWarmUp {

    private static final String RUN = "mig-20000101000000-000";
    private static final String SPEC_HASH = "0".repeat(64);
    private static final String FINGERPRINT = "warm-up";
    private static final String LABEL = "Person";

    /**
     * What the rehearsal did.
     *
     * @param rows      rows written into table batches (the same number again into graph batches)
     * @param batches   batches staged, table and graph
     * @param keys      keys written into key sets
     * @param personal  fields classification found personal (every name, email and phone field of the made-up people)
     * @param tokens    distinct tokens of the dictionary
     */
    public record Result(long rows, long batches, long keys, int fieldsClassified, int personal, int tokens,
            double seconds) {
    }

    private final Path folder;
    private final ExtractionSettings settings;

    /**
     * @param folder   a folder of its own (created, then deleted with everything in it)
     * @param settings the service's batch limits, as its runs use them
     */
    public ExtractionWarmUp(Path folder, ExtractionSettings settings) {
        this.folder = folder;
        this.settings = settings;
    }

    /**
     * @param rows   made-up people per round
     * @param rounds times the work is done, each round on other people
     */
    public Result run(int rows, int rounds) {
        long started = System.nanoTime();
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        FileKey key = new FileKey(1, bytes);
        byte[] dictionaryKey = new byte[32];
        random.nextBytes(dictionaryKey);
        long[] batches = {0};
        ExtractionListener listener = new ExtractionListener() {
            @Override
            public void batch(BatchManifest manifest) {
                batches[0]++;
            }

            @Override
            public void progress(Progress progress) {
            }
        };
        long written = 0;
        long keys = 0;
        int classified = 0;
        int personal = 0;
        int tokens = 0;
        try {
            Path temp = Files.createDirectories(folder.resolve("tmp"));
            Staging staging = new FileSystemStaging(Files.createDirectories(folder.resolve("staging")));
            for (int round = 0; round < rounds; round++) {
                List<String[]> people = SyntheticPeople.rows(1L + (long) round * rows, rows);
                written += table(people, key, staging, listener, temp);
                keys += keySets(people, key, staging, temp);
                graph(people, key, staging, listener, temp);
                List<Assessment> assessments = classify(people);
                classified = assessments.size();
                personal = (int) assessments.stream().filter(a -> a.classification().personal()).count();
                tokens = dictionary(people, dictionaryKey, temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the warm-up could not write in " + folder, e);
        } finally {
            WorkFolders.deleteTree(folder);
        }
        return new Result(written, batches[0], keys, classified, personal, tokens, (System.nanoTime() - started) / 1e9);
    }

    /**
     * The made-up people as a PROD table's {@code COPY} text, into batches both ways {@link TableReader} writes them:
     * line by line, and decoded into strings (tables where references may be nulled).
     */
    private long table(List<String[]> people, FileKey key, Staging staging, ExtractionListener listener, Path temp) {
        List<BatchColumn> columns = SyntheticPeople.columns();
        BatchSchema schema = new BatchSchema(columns, Map.of("ferry.store", SyntheticPeople.STORE, "ferry.table",
                "public." + SyntheticPeople.TABLE, "ferry.schemaFingerprint", FINGERPRINT));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (BatchOutput out = output(SyntheticPeople.TABLE, BatchKind.TABLE,
                "public", schema, key, staging, listener, temp)) {
            for (int i = 0; i < people.size(); i++) {
                line.reset();
                CopyText.encodeRow(people.get(i), line);
                if (i % 2 == 0) {
                    out.writeCopyLine(line.toByteArray());
                } else {
                    out.write(CopyText.decodeRow(line.toByteArray(), columns.size()));
                }
            }
            return out.finish().rows();
        }
    }

    /** The people's ids and usernames as key sets, and the {@code COPY} statements that read them by key. */
    private long keySets(List<String[]> people, FileKey key, Staging staging, Path temp) {
        Table table = personTable();
        ExtractRequest request = new ExtractRequest(RUN, "warm-up", SPEC_HASH, 1, SyntheticPeople.STORE, 0, List.of());
        List<Tuple> ids = people.stream().map(p -> Tuple.of(Long.parseLong(p[0]))).toList();
        KeySets.write(staging, request, table, List.of("id"), ids, key, temp);
        List<Tuple> usernames = people.stream().map(p -> Tuple.of(p[10])).sorted().distinct().toList();
        KeySets.writeOne(staging, request, new TableId(SyntheticPeople.STORE, TableId.LABELS, LABEL),
                List.of(new BatchColumn("username", GraphValues.TYPE_PREFIX + "String")), usernames, GraphValues::text,
                key, temp);
        long length = 0;
        for (int from = 0; from < ids.size(); from += TableReader.CHUNK) {
            length += ExtractQueries.copyByKeys(table, List.of("id"), ids.subList(from, Math.min(ids.size(),
                    from + TableReader.CHUNK))).length();
        }
        if (length == 0) {
            throw new IllegalStateException("no COPY statement was built for the made-up people's keys");
        }
        return ids.size() + usernames.size();
    }

    /** The people as {@code :Person} nodes with typed properties, into a label's batches. */
    private void graph(List<String[]> people, FileKey key, Staging staging, ExtractionListener listener, Path temp) {
        List<String> properties = List.of("active", "birthDate", "email", "firstName", "lastName", "score", "seenAt",
                "tags");
        List<String> types = List.of("Boolean", "Date", "String", "String", "String", "Double", "DateTime",
                "StringArray");
        List<BatchColumn> columns = new ArrayList<>(List.of(new BatchColumn("personId", GraphValues.TYPE_PREFIX + "Long")));
        for (int i = 0; i < properties.size(); i++) {
            columns.add(new BatchColumn(properties.get(i), GraphValues.TYPE_PREFIX + types.get(i)));
        }
        columns.add(new BatchColumn(GraphValues.LABELS_COLUMN, GraphValues.TYPE_PREFIX + "StringArray"));
        TableId id = new TableId(SyntheticPeople.STORE, TableId.LABELS, LABEL);
        GraphStoreReader.Layout layout = new GraphStoreReader.Layout(id, null, List.of("personId"), properties,
                List.copyOf(columns));
        BatchSchema schema = new BatchSchema(layout.columns(), Map.of("ferry.store", SyntheticPeople.STORE,
                "ferry.table", layout.text(), "ferry.schemaFingerprint", FINGERPRINT));
        List<String> labels = List.of(LABEL, "Student");
        try (BatchOutput out = output(LABEL, BatchKind.LABEL, TableId.LABELS, schema, key, staging, listener, temp)) {
            for (String[] p : people) {
                Long personId = Long.parseLong(p[0]);
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("personId", personId);
                props.put("active", p[1].equals("student"));
                props.put("birthDate", LocalDate.parse(p[4]));
                props.put("email", p[5]);
                props.put("firstName", p[2]);
                props.put("lastName", p[3]);
                props.put("score", personId % 97 / 4.0);
                props.put("seenAt", ZonedDateTime.of(2026, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC).plusMinutes(personId));
                props.put("tags", List.of(p[1], p[7]));
                String[] row = GraphStoreReader.row(SyntheticPeople.STORE, layout, List.of(personId), props,
                        Tuple.of(personId));
                row[row.length - 1] = GraphValues.text(labels);
                out.write(row);
            }
            out.finish();
        }
    }

    /** Every column of the people, sampled as the preflight samples PROD, by name and value. */
    private static List<Assessment> classify(List<String[]> people) {
        TableId table = new TableId(SyntheticPeople.STORE, "public", SyntheticPeople.TABLE);
        List<BatchColumn> columns = SyntheticPeople.columns();
        List<SampledField> sampled = new ArrayList<>();
        int samples = Math.min(people.size(), 200);
        for (int c = 0; c < columns.size(); c++) {
            List<String> values = new ArrayList<>();
            for (int r = 0; r < samples; r++) {
                if (people.get(r)[c] != null) {
                    values.add(people.get(r)[c]);
                }
            }
            sampled.add(new SampledField(Field.column(table, columns.get(c).name(), columns.get(c).pgType()), values));
        }
        return Assessment.assess(sampled, RuleIndex.of(List.of()));
    }

    /** The free-text dictionary of the people's names and identifiers, written as the preflight writes it. */
    private static int dictionary(List<String[]> people, byte[] dictionaryKey, Path temp) throws IOException {
        TokenDictionary dictionary = new TokenDictionary(dictionaryKey);
        for (String[] p : people) {
            dictionary.add(DataType.FIRST_NAME, p[2]);
            dictionary.add(DataType.LAST_NAME, p[3]);
            dictionary.add(DataType.EMAIL, p[5]);
            dictionary.add(DataType.STATE_ID, p[7]);
            dictionary.add(DataType.USERNAME, p[10]);
        }
        Path file = Files.createTempFile(temp, "dictionary-", ".txt");
        dictionary.writeTo(file);
        Files.delete(file);
        return dictionary.size();
    }

    private BatchOutput output(String table, BatchKind kind, String schemaName, BatchSchema schema, FileKey key,
            Staging staging, ExtractionListener listener, Path temp) {
        BatchOutput.Target target = new BatchOutput.Target(RUN, SPEC_HASH, 1, SyntheticPeople.STORE, schemaName, table,
                kind, FINGERPRINT, key.version());
        BatchWriterOptions options = BatchWriterOptions.defaults().withEncryption(key)
                .withRowGroupSize(settings.rowGroupBytes());
        return new BatchOutput(target, schema, options, settings, staging, listener, temp);
    }

    /** The made-up people's table as introspection would give it, keyed by {@code id}. */
    private static Table personTable() {
        List<Column> columns = new ArrayList<>();
        List<BatchColumn> batch = SyntheticPeople.columns();
        for (int i = 0; i < batch.size(); i++) {
            columns.add(new Column(batch.get(i).name(), i + 1, batch.get(i).pgType(), i > 0, Column.Generation.NONE,
                    null));
        }
        return new Table(new TableId(SyntheticPeople.STORE, "public", SyntheticPeople.TABLE), TableKind.TABLE, columns,
                new Key("person_pkey", List.of("id"), true), List.of(), List.of(), List.of(), -1, -1);
    }
}
