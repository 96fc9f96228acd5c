package io.ferry.extractor.extraction;

import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.ExtractResult.TableBatches;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The batches of one table: rows go into a local encrypted Parquet file until it reaches the row or byte
 * limit, then the file is staged and its manifest handed on. A batch is only known to be the table's last
 * when the table ends, so a full batch is closed when the next row arrives, and {@link #finish} closes the
 * last one with {@code lastOfTable}.
 */
final class BatchOutput implements AutoCloseable {

    /** Where the batches belong and what they are: the parts of every batch id and manifest. */
    record Target(String runId, String specHash, int attempt, String store, String schema, String table, BatchKind kind,
            String schemaFingerprint, int keyVersion) {
    }

    private static final int BYTES_EVERY = 64;

    private final Target target;
    private final BatchSchema schema;
    private final BatchWriterOptions options;
    private final ExtractionSettings limits;
    private final Staging staging;
    private final ExtractionListener listener;
    private final Path tempDir;
    private BatchWriter writer;
    private Path file;
    private int seq;
    private long rows;

    BatchOutput(Target target, BatchSchema schema, BatchWriterOptions options, ExtractionSettings limits,
            Staging staging, ExtractionListener listener, Path tempDir) {
        this.target = target;
        this.schema = schema;
        this.options = options;
        this.limits = limits;
        this.staging = staging;
        this.listener = listener;
        this.tempDir = tempDir;
    }

    void write(String[] row) {
        writer().write(row);
        rows++;
    }

    /** {@link #write} of the row one line of {@code COPY} text output holds, without a string per value. */
    void writeCopyLine(byte[] line) {
        writer().writeCopyLine(line);
        rows++;
    }

    /** The batch the next row goes to: a new one once the current one is full. */
    private BatchWriter writer() {
        // The byte size sums every column's buffers, so it is asked every few rows only (still deterministic).
        if (writer != null && (writer.rows() >= limits.batchMaxRows()
                || (writer.rows() % BYTES_EVERY == 0 && writer.dataSize() >= limits.batchMaxBytes()))) {
            stage(false);
        }
        if (writer == null) {
            open();
        }
        return writer;
    }

    /** Rows written so far, over all batches. */
    long rows() {
        return rows;
    }

    /** Stages the last batch; an empty table has no batches. */
    TableBatches finish() {
        if (writer != null) {
            stage(true);
        }
        return new TableBatches(target.schema(), target.table(), target.kind(), seq, rows);
    }

    private void open() {
        try {
            file = Files.createTempFile(tempDir, "batch-", ".parquet");
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp file in " + tempDir, e);
        }
        writer = BatchWriter.create(file, schema, options); // on failure, close() deletes what it left
    }

    private void stage(boolean last) {
        BatchWriter done = writer;
        writer = null;
        try {
            done.close();
            BatchId id = BatchId.of(target.runId(), Phase.EXTRACT, target.store(), target.schema(), target.table(), seq);
            String key = StagingLayout.batch(id);
            long bytes = Files.size(file);
            String sha256 = sha256(file);
            staging.put(key, file);
            listener.batch(new BatchManifest(id.toString(), target.runId(), target.specHash(), target.attempt(),
                    Phase.EXTRACT, target.store(), target.schema(), target.table(), target.kind(), seq, key, done.rows(),
                    bytes, sha256, target.schemaFingerprint(), target.keyVersion(), true, last));
            seq++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage a batch of " + target.schema() + "." + target.table(), e);
        } catch (io.ferry.staging.StagingException e) {
            // Staging is shared storage: a failure there is worth a new attempt, which overwrites what this one put.
            throw ExtractionFailure.transientFailure("STAGING_UNAVAILABLE", e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // An encrypted temp file; the next start's temp cleanup removes it.
        }
    }

    /** Drops a half-written batch (the extraction failed); staged batches stay for the retry to overwrite. */
    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (RuntimeException e) {
                // The file is discarded anyway.
            }
            writer = null;
        }
        if (file != null) {
            deleteQuietly(file);
        }
    }
}
