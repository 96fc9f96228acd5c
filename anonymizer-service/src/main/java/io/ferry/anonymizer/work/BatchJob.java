package io.ferry.anonymizer.work;

import io.ferry.service.StepFailure;
import io.ferry.anonymizer.batch.BatchAnonymizer;
import io.ferry.anonymizer.leak.LeakFiles;
import io.ferry.anonymizer.rules.RuleBindingException;
import io.ferry.batches.BatchFormatException;
import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.FileKey;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.schema.model.TableId;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingException;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One extracted batch through the anonymizer, at least once: fetch the raw batch and check its checksum,
 * anonymize it ({@link BatchAnonymizer}) into a plaintext batch, refuse it if the per-batch check found
 * anything, store the source hashes under {@code {runId}/leak/}, then the anonymized twin, and only then
 * delete the raw batch. A redelivery after the raw batch went finds the twin and describes it again, so
 * the same input and key always give the same manifest and bytes.
 */
public final class BatchJob {

    private final Staging staging;
    private final Supplier<FileKey> rawKey;
    private final Path tempDir;
    private final long rowGroupBytes;
    private final TransformPool transformers;

    /** Each batch anonymized row by row on the thread that calls {@link #anonymize}. */
    public BatchJob(Staging staging, Supplier<FileKey> rawKey, Path tempDir, long rowGroupBytes) {
        this(staging, rawKey, tempDir, rowGroupBytes, null);
    }

    /** @param transformers the pool that anonymizes each batch's rows in chunks (null: row by row) */
    public BatchJob(Staging staging, Supplier<FileKey> rawKey, Path tempDir, long rowGroupBytes,
            TransformPool transformers) {
        this.staging = staging;
        this.rawKey = rawKey;
        this.tempDir = tempDir;
        this.rowGroupBytes = rowGroupBytes;
        this.transformers = transformers;
    }

    /** The outcome: the anonymized batch's manifest, and what the batch held. */
    public record Done(BatchManifest manifest, long fieldsChanged, long scrubbed, boolean repeated) {
    }

    public Done anonymize(BatchManifest extracted, RunTools tools) {
        if (extracted.phase() != Phase.EXTRACT) {
            throw StepFailure.fatal("NOT_AN_EXTRACTED_BATCH", "batch " + extracted.batchId()
                    + " is not of the extract phase");
        }
        BatchId raw = BatchId.parse(extracted.batchId());
        String rawKeyName = StagingLayout.batch(raw);
        String twin = StagingLayout.anonymizedTwin(raw);
        String leak = StagingLayout.leakHashes(raw);
        Path work = null;
        try {
            Files.createDirectories(tempDir);
            work = Files.createTempDirectory(tempDir, "batch-");
            if (staging.stat(rawKeyName).isEmpty()) {
                if (staging.stat(twin).isPresent() && staging.stat(leak).isPresent()) {
                    Path copy = work.resolve("anonymized.parquet");
                    staging.get(twin, copy);
                    return new Done(manifest(extracted, raw, twin, copy, tools.keyVersion()), 0, 0, true);
                }
                throw StepFailure.fatal("RAW_BATCH_MISSING", "batch " + extracted.batchId()
                        + ": the raw batch " + rawKeyName + " is not in staging and has no anonymized twin "
                        + "(swept after a crash?); extract the store again");
            }
            Path in = work.resolve("raw.parquet");
            staging.get(rawKeyName, in);
            if (!sha256(in).equals(extracted.sha256())) {
                throw StepFailure.fatal("RAW_BATCH_DAMAGED", "batch " + extracted.batchId()
                        + ": the raw batch's checksum differs from its manifest's");
            }
            Path out = work.resolve("anonymized.parquet");
            BatchAnonymizer.Outcome outcome = anonymize(extracted, raw, in, out, tools);
            LeakFiles.put(staging, raw, outcome, work);
            staging.put(twin, out);
            staging.delete(rawKeyName);
            return new Done(manifest(extracted, raw, twin, out, tools.keyVersion()), outcome.fieldsChanged(),
                    outcome.scrubbed().total(), false);
        } catch (StagingException e) {
            throw StepFailure.transientFailure("STAGING_UNAVAILABLE", e.getMessage(), e);
        } catch (IOException e) {
            throw StepFailure.transientFailure("STAGING_UNAVAILABLE", "batch " + extracted.batchId()
                    + ": local temp files failed (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            deleteTree(work);
        }
    }

    private BatchAnonymizer.Outcome anonymize(BatchManifest extracted, BatchId raw, Path in, Path out,
            RunTools tools) {
        BatchAnonymizer.Outcome outcome;
        try (BatchReader reader = BatchReader.open(in, rawKey.get())) {
            BatchSchema schema = reader.schema();
            Map<String, String> properties = new LinkedHashMap<>(schema.properties());
            properties.put(BatchSchema.ANONYMIZATION_KEY_VERSION, Integer.toString(tools.keyVersion()));
            var rules = tools.bind(new TableId(raw.store(), raw.schema(), raw.table()), schema.columns());
            try (BatchWriter writer = BatchWriter.create(out, new BatchSchema(schema.columns(), properties),
                    BatchWriterOptions.defaults().withRowGroupSize(rowGroupBytes))) {
                outcome = (transformers == null ? tools.batchAnonymizer() : transformers.batchAnonymizer(tools))
                        .anonymize(rules, reader, writer);
            }
        } catch (RuleBindingException e) {
            throw StepFailure.fatal("RULE_INVALID", "batch " + extracted.batchId() + ": " + e.getMessage());
        } catch (BatchFormatException e) {
            throw StepFailure.fatal("BATCH_UNREADABLE", "batch " + extracted.batchId() + ": "
                    + e.getMessage());
        }
        if (!outcome.passed()) {
            throw StepFailure.fatal("BATCH_CHECK_FAILED", "batch " + extracted.batchId() + " failed its "
                    + "leak check: " + outcome.problems().stream()
                            .map(p -> p.field() + ": " + p.count() + " " + p.what())
                            .collect(Collectors.joining("; ")));
        }
        if (outcome.rows() != extracted.rows()) {
            throw StepFailure.fatal("BATCH_ROWS_DIFFER", "batch " + extracted.batchId() + " holds "
                    + outcome.rows() + " rows, its manifest says " + extracted.rows());
        }
        return outcome;
    }

    private static BatchManifest manifest(BatchManifest extracted, BatchId raw, String twin, Path file,
            int keyVersion) throws IOException {
        long rows;
        try (BatchReader reader = BatchReader.open(file, null)) {
            rows = reader.rows();
        }
        BatchId id = BatchId.of(raw.runId(), Phase.ANONYMIZE, raw.store(), raw.schema(), raw.table(), raw.seq());
        return new BatchManifest(id.toString(), extracted.runId(), extracted.specHash(), extracted.attempt(),
                Phase.ANONYMIZE, extracted.store(), extracted.schema(), extracted.table(), extracted.kind(),
                extracted.seq(), twin, rows, Files.size(file), sha256(file), extracted.schemaFingerprint(),
                keyVersion, false, extracted.lastOfTable());
    }

    /** Lower-case hex SHA-256 of the file, as manifests give it. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // raw copies are encrypted; the sweep of the temp folder at start removes what is left
        }
    }
}
