package io.ferry.anonymizer.work;

import io.ferry.service.StepFailure;
import static io.ferry.anonymizer.batch.BatchFixture.column;
import static io.ferry.anonymizer.batch.BatchFixture.columns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymizer.batch.BatchFixture;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.FileKey;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchJobTest {

    private static final String RUN = "mig-20261121100000-001";
    private static final String SPEC = "a".repeat(64);
    private static final FileKey RAW_KEY = new FileKey(3, "ferry-test-raw-file-key-32-bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final List<BatchColumn> COLUMNS = columns("id", "bigint", "email", "text");

    @Test
    void theTwinIsStoredBeforeTheRawBatchGoesAndARedeliveryDescribesItAgain(@TempDir Path dir) throws Exception {
        Staging staging = new FileSystemStaging(dir.resolve("staging"));
        BatchManifest extracted = stageRaw(staging, dir, List.of(new String[] {"1", "thea@gmail.com"},
                new String[] {"2", null}));
        BatchJob job = new BatchJob(staging, () -> RAW_KEY, dir.resolve("tmp"), 1 << 20);

        BatchJob.Done done = job.anonymize(extracted, tools(dir, "person.email"));
        BatchManifest m = done.manifest();
        assertThat(m.phase()).isEqualTo(Phase.ANONYMIZE);
        assertThat(m.batchId()).isEqualTo(RUN + "/anonymize/ids/public.person/0");
        assertThat(m.stagingPath()).isEqualTo(RUN + "/anonymized/ids/public.person/part-0.parquet");
        assertThat(m.rows()).isEqualTo(2);
        assertThat(m.encrypted()).isFalse();
        assertThat(m.keyVersion()).isEqualTo(BatchFixture.KEY.version());
        assertThat(m.sha256()).isEqualTo(BatchJob.sha256(copy(staging, m.stagingPath(), dir.resolve("check"))));
        assertThat(staging.stat(extracted.stagingPath())).as("raw batch deleted").isEmpty();
        BatchId raw = BatchId.parse(extracted.batchId());
        assertThat(staging.stat(StagingLayout.leakHashes(raw))).isPresent();
        assertThat(BatchFixture.read(dir.resolve("check"))).extracting(r -> r[1])
                .containsExactly(BatchFixture.anonymizer().apply(
                        io.ferry.anonymize.strategy.FieldRule.of("person.email", null), "thea@gmail.com"), null);

        BatchJob.Done again = job.anonymize(extracted, tools(dir, "person.email"));
        assertThat(again.repeated()).isTrue();
        assertThat(again.manifest()).isEqualTo(m);
        assertThat(Files.list(dir.resolve("tmp"))).as("temp files removed").isEmpty();
    }

    @Test
    void aBatchThatFailsItsCheckKeepsItsRawBatchAndWritesNoTwin(@TempDir Path dir) throws Exception {
        Staging staging = new FileSystemStaging(dir.resolve("staging"));
        BatchManifest extracted = stageRaw(staging, dir, List.<String[]>of(new String[] {"1", "not a date"}));
        BatchJob job = new BatchJob(staging, () -> RAW_KEY, dir.resolve("tmp"), 1 << 20);
        assertThatThrownBy(() -> job.anonymize(extracted, tools(dir, "person.birth_date")))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.failure().code()).isEqualTo("BATCH_CHECK_FAILED");
                    assertThat(f.getMessage()).contains("column ids.public.person.email: 1 value the strategy "
                            + "cannot take").doesNotContain("not a date");
                });
        assertThat(staging.stat(extracted.stagingPath())).isPresent();
        assertThat(staging.list(RUN + "/anonymized/")).isEmpty();
    }

    @Test
    void aDamagedRawBatchIsRefused(@TempDir Path dir) throws Exception {
        Staging staging = new FileSystemStaging(dir.resolve("staging"));
        BatchManifest good = stageRaw(staging, dir, List.<String[]>of(new String[] {"1", "thea@gmail.com"}));
        BatchManifest lying = new BatchManifest(good.batchId(), good.runId(), good.specHash(), good.attempt(),
                good.phase(), good.store(), good.schema(), good.table(), good.kind(), good.seq(), good.stagingPath(),
                good.rows(), good.bytes(), "b".repeat(64), good.schemaFingerprint(), good.keyVersion(), true, true);
        assertThatThrownBy(() -> new BatchJob(staging, () -> RAW_KEY, dir.resolve("tmp"), 1 << 20)
                .anonymize(lying, tools(dir, "person.email")))
                .isInstanceOfSatisfying(StepFailure.class,
                        f -> assertThat(f.failure().code()).isEqualTo("RAW_BATCH_DAMAGED"));
    }

    private static RunTools tools(Path dir, String emailType) throws Exception {
        RuleIndex rules = RuleIndex.of(List.of(emailType.equals("person.birth_date")
                ? column("ids.public.person.email", emailType, "date-shift", "ids.public.person.id")
                : column("ids.public.person.email", emailType)));
        return new RunTools(rules, BatchFixture.anonymizer(), BatchFixture.scrubber(dir), BatchFixture.leakKey());
    }

    private static BatchManifest stageRaw(Staging staging, Path dir, List<String[]> rows) throws Exception {
        BatchId id = BatchId.of(RUN, Phase.EXTRACT, "ids", "public", "person", 0);
        Path file = dir.resolve("raw.parquet");
        try (BatchWriter w = BatchWriter.create(file, new BatchSchema(COLUMNS, Map.of("store", "ids")),
                BatchWriterOptions.defaults().withEncryption(RAW_KEY))) {
            rows.forEach(w::write);
        }
        String key = StagingLayout.batch(id);
        staging.put(key, file);
        return new BatchManifest(id.toString(), RUN, SPEC, 1, Phase.EXTRACT, "ids", "public", "person",
                BatchKind.TABLE, 0, key, rows.size(), Files.size(file), BatchJob.sha256(file), "fp", 3, true, true);
    }

    private static Path copy(Staging staging, String key, Path to) {
        staging.get(key, to);
        return to;
    }
}
