package io.ferry.anonymizer.leak;

import io.ferry.anonymize.leak.LeakTokens;
import io.ferry.anonymize.leak.LeakHashes;
import static io.ferry.anonymizer.batch.BatchFixture.column;
import static io.ferry.anonymizer.batch.BatchFixture.columns;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymizer.batch.BatchAnonymizer;
import io.ferry.anonymizer.batch.BatchFixture;
import io.ferry.anonymizer.rules.TableRules;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.schema.model.TableId;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLeakCheckTest {

    private static final String RUN = "mig-20261121100000-001";
    private static final String PLANTED = "mig-20261121100000-002";
    private static final TableId PERSON = new TableId("ids", "public", "person");
    private static final List<BatchColumn> COLUMNS = columns("id", "bigint", "first_name", "text", "last_name",
            "text", "birth_date", "date", "email", "text", "state_id", "text", "remark", "text");
    private static final RuleIndex RULES = RuleIndex.of(List.of(
            column("ids.public.person.first_name", "person.first_name"),
            column("ids.public.person.last_name", "person.last_name"),
            column("ids.public.person.birth_date", "person.birth_date", "date-shift", "ids.public.person.id"),
            column("ids.public.person.email", "person.email"),
            column("ids.public.person.state_id", "student.state_id")));

    private static final List<String[]> SOURCE = List.of(
            new String[] {"1", "Thea", "Vandermolen", "2011-04-17", "thea.vandermolen@gmail.com", "0417365928", "ok"},
            new String[] {"2", "Cassius", "Okonkwo-Reyes", "2010-09-30", "cassius@outlook.com", "0582039174", "ok"},
            new String[] {"3", "Linnea", "Soto", "2012-02-29", "linnea.soto@yahoo.com", "0739102846", null});

    @Test
    void aCleanRunPassesAndPlantedLeaksAreFoundExactly(@TempDir Path dir) throws Exception {
        Staging staging = new FileSystemStaging(dir.resolve("staging"));
        anonymizeRun(staging, dir, RUN, SOURCE);
        RunLeakCheck check = new RunLeakCheck(staging, BatchFixture.leakKey(),
                (batch, columns) -> TableRules.bind(RULES, BatchFixture.anonymizer(), PERSON, columns), dir.resolve("tmp"), 2);

        RunLeakCheck.Verdict clean = check.check(RunId.parse(RUN), LeakHashes.empty());
        assertThat(clean.findings()).isEmpty();
        assertThat(clean.batches()).isEqualTo(2);
        assertThat(clean.tokensChecked()).isGreaterThan(3L * SOURCE.size());
        assertThat(clean.sourceHashes()).isGreaterThanOrEqualTo(6);

        // a copy of the run with three leaks planted in its anonymized output
        copyRun(staging, dir, RUN, PLANTED, (seq, rows) -> {
            if (seq == 0) {
                rows.get(0)[4] = "Thea.Vandermolen@gmail.com";                 // a source email, other case
                rows.get(1)[6] = "see 041-736-5928 for the file";             // a state id in a remark
            } else {
                rows.get(0)[1] = "Linnea";                                     // the whole identity of a person
                rows.get(0)[2] = "Soto";
                rows.get(0)[3] = "2012-02-29";
            }
        });
        RunLeakCheck.Verdict planted = check.check(RunId.parse(PLANTED), LeakHashes.empty());
        Set<String> where = planted.findings().stream().map(f -> f.batchId() + " " + f.field())
                .collect(Collectors.toSet());
        assertThat(where).containsExactlyInAnyOrder(
                PLANTED + "/anonymize/ids/public.person/0 email",
                PLANTED + "/anonymize/ids/public.person/0 remark",
                PLANTED + "/anonymize/ids/public.person/1 " + RunLeakCheck.TUPLE_FIELD);
        assertThat(planted.findings()).extracting(LeakCheckResult.Finding::keyedHash)
                .allMatch(h -> h.matches("[0-9a-f]{16}"));
        assertThat(planted.findings().toString()).doesNotContain("thea", "Thea", "0417365928", "Linnea", "Soto");
    }

    @Test
    void honeytokensAreFoundWhereverTheyAppear(@TempDir Path dir) throws Exception {
        Staging staging = new FileSystemStaging(dir.resolve("staging"));
        anonymizeRun(staging, dir, RUN, SOURCE);
        copyRun(staging, dir, RUN, PLANTED, (seq, rows) -> {
            if (seq == 1) {
                rows.get(0)[6] = "contact cokonkworeyes please";
            }
        });
        LeakHashes.Builder honey = new LeakHashes.Builder();
        LeakTokens.forms("cokonkworeyes", t -> honey.add(BatchFixture.leakKey().hash(t)));
        RunLeakCheck.Verdict verdict = new RunLeakCheck(staging, BatchFixture.leakKey(),
                (batch, columns) -> TableRules.bind(RULES, BatchFixture.anonymizer(), PERSON, columns), dir.resolve("tmp"), 1)
                .check(RunId.parse(PLANTED), honey.build());
        assertThat(verdict.findings()).extracting(f -> f.batchId() + " " + f.field())
                .containsExactly(PLANTED + "/anonymize/ids/public.person/1 remark");
    }

    @Test
    void aRepeatedValueIsCountedEachTimeAndALeakIsFoundInEveryField(@TempDir Path dir) throws Exception {
        Staging staging = new FileSystemStaging(dir.resolve("staging"));
        anonymizeRun(staging, dir, RUN, SOURCE);
        copyRun(staging, dir, RUN, PLANTED, (seq, rows) -> {
            if (seq == 0) {
                rows.get(0)[6] = "checked by the counselor on Tuesday"; // a clean text, twice
                rows.get(1)[5] = "checked by the counselor on Tuesday";
                rows.get(0)[5] = "call 041-736-5928";                    // one leaked text, in two fields
                rows.get(1)[6] = "call 041-736-5928";
            }
        });
        RunLeakCheck.Verdict verdict = new RunLeakCheck(staging, BatchFixture.leakKey(),
                (batch, columns) -> TableRules.bind(RULES, BatchFixture.anonymizer(), PERSON, columns), dir.resolve("tmp"), 1)
                .check(RunId.parse(PLANTED), LeakHashes.empty());

        assertThat(verdict.findings()).extracting(f -> f.batchId() + " " + f.field()).containsExactlyInAnyOrder(
                PLANTED + "/anonymize/ids/public.person/0 state_id",
                PLANTED + "/anonymize/ids/public.person/0 remark");
        // every value's tokens count, a repeat's as much as its first time
        long expected = 0;
        for (int seq = 0; seq < 2; seq++) {
            Path batch = dir.resolve("count-" + seq + ".parquet");
            staging.get(StagingLayout.anonymizedTwin(BatchId.of(PLANTED, Phase.EXTRACT, "ids", "public", "person", seq)), batch);
            for (String[] row : BatchFixture.read(batch)) {
                for (String value : row) {
                    if (value != null) {
                        long[] n = {0};
                        LeakTokens.candidates(value, t -> n[0]++);
                        expected += n[0];
                    }
                }
                expected += SourceIdentifiers.tuple(row[1], row[2], row[3]) == null ? 0 : 1;
            }
        }
        assertThat(verdict.tokensChecked()).isEqualTo(expected);
    }

    @Test
    void aGeneratedTupleEqualToAnotherPersonsIsACoincidenceAndACarriedOneAFinding(@TempDir Path dir)
            throws Exception {
        Staging staging = new FileSystemStaging(dir.resolve("staging"));
        // What Thea becomes, found by anonymizing her alone; then Ivo, a second person whose real name and birth
        // date are exactly that (fake names come from the lists real ones do).
        anonymizeRun(staging, dir, "mig-20261121100000-009", List.of(SOURCE.get(0), SOURCE.get(1), SOURCE.get(2)));
        Path first = dir.resolve("thea.parquet");
        staging.get(StagingLayout.anonymizedTwin(BatchId.of("mig-20261121100000-009", Phase.EXTRACT, "ids", "public",
                "person", 0)), first);
        String[] thea = BatchFixture.read(first).get(0);
        String[] ivo = {"4", thea[1], thea[2], thea[3], "ivo.petrov@gmail.com", "0827364519", "ok"};
        assertThat(SourceIdentifiers.tuple(ivo[1], ivo[2], ivo[3]))
                .isNotEqualTo(SourceIdentifiers.tuple("Thea", "Vandermolen", "2011-04-17"));

        anonymizeRun(staging, dir, RUN, List.of(SOURCE.get(0), ivo, SOURCE.get(2)));
        RunLeakCheck check = new RunLeakCheck(staging, BatchFixture.leakKey(),
                (batch, columns) -> TableRules.bind(RULES, BatchFixture.anonymizer(), PERSON, columns), dir.resolve("tmp"), 2);
        RunLeakCheck.Verdict verdict = check.check(RunId.parse(RUN), LeakHashes.empty());
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.coincidences()).isEqualTo(1);

        // the same tuple put into the other batch, whose anonymizer never wrote it, is carried: a finding
        copyRun(staging, dir, RUN, PLANTED, (seq, rows) -> {
            if (seq == 1) {
                rows.get(0)[1] = ivo[1];
                rows.get(0)[2] = ivo[2];
                rows.get(0)[3] = ivo[3];
            }
        });
        RunLeakCheck.Verdict planted = check.check(RunId.parse(PLANTED), LeakHashes.empty());
        assertThat(planted.findings()).extracting(f -> f.batchId() + " " + f.field())
                .containsExactly(PLANTED + "/anonymize/ids/public.person/1 " + RunLeakCheck.TUPLE_FIELD);
        assertThat(planted.coincidences()).isEqualTo(1);
    }

    /** Anonymizes the rows as two raw batches (rows 0-1, row 2) of one table into staging, as the service does. */
    static void anonymizeRun(Staging staging, Path dir, String run, List<String[]> source) throws Exception {
        List<List<String[]>> parts = List.of(source.subList(0, 2), source.subList(2, 3));
        for (int seq = 0; seq < parts.size(); seq++) {
            BatchId raw = BatchId.of(run, Phase.EXTRACT, "ids", "public", "person", seq);
            Path in = dir.resolve("raw-" + seq + ".parquet");
            Path out = dir.resolve("anon-" + seq + ".parquet");
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            BatchFixture.write(in, COLUMNS, parts.get(seq));
            BatchAnonymizer.Outcome outcome;
            try (BatchReader r = BatchReader.open(in, null);
                    BatchWriter w = BatchWriter.create(out, new BatchSchema(COLUMNS, Map.of()),
                            BatchWriterOptions.defaults())) {
                outcome = new BatchAnonymizer(BatchFixture.anonymizer(), BatchFixture.scrubber(dir),
                        BatchFixture.leakKey()).anonymize(TableRules.bind(RULES, BatchFixture.anonymizer(), PERSON,
                        COLUMNS), r, w);
            }
            assertThat(outcome.passed()).isTrue();
            LeakFiles.put(staging, raw, outcome, dir);
            staging.put(StagingLayout.anonymizedTwin(raw), out);
        }
    }

    interface Plant {
        void into(int seq, List<String[]> rows);
    }

    /** Copies a run's leak hashes and anonymized batches to another run id, changing the rows on the way. */
    static void copyRun(Staging staging, Path dir, String from, String to, Plant plant) throws Exception {
        for (int seq = 0; seq < 2; seq++) {
            BatchId raw = BatchId.of(from, Phase.EXTRACT, "ids", "public", "person", seq);
            BatchId copy = BatchId.of(to, Phase.EXTRACT, "ids", "public", "person", seq);
            Path hashes = dir.resolve("copy-hashes-" + seq);
            Files.deleteIfExists(hashes);
            staging.get(StagingLayout.leakHashes(raw), hashes);
            staging.put(StagingLayout.leakHashes(copy), hashes);
            if (staging.stat(StagingLayout.generatedTuples(raw)).isPresent()) {
                Files.delete(hashes);
                staging.get(StagingLayout.generatedTuples(raw), hashes);
                staging.put(StagingLayout.generatedTuples(copy), hashes);
            }
            Path batch = dir.resolve("copy-" + seq + ".parquet");
            Files.deleteIfExists(batch);
            staging.get(StagingLayout.anonymizedTwin(raw), batch);
            List<String[]> rows = BatchFixture.read(batch);
            plant.into(seq, rows);
            Path planted = dir.resolve("planted-" + seq + ".parquet");
            Files.deleteIfExists(planted);
            BatchFixture.write(planted, COLUMNS, rows);
            staging.put(StagingLayout.anonymizedTwin(copy), planted);
        }
    }
}
