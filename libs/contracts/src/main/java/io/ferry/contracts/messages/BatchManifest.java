package io.ferry.contracts.messages;

import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;

/**
 * Describes one Parquet batch in staging: sent by the extractor on {@code ferry.batches.extracted.v1}
 * ({@code phase} extract) and by the anonymizer on {@code ferry.batches.anonymized.v1} ({@code phase}
 * anonymize). Enough to find the file, check it is whole, and check it matches the schema it was
 * planned against.
 *
 * @param batchId           {@code {runId}/{phase}/{store}/{schema}.{table}/{seq}}, see {@link BatchId};
 *                          must agree with the other fields
 * @param schema            the table's schema; for graph batches {@code label} or {@code relationship}
 * @param table             the table, or for graph batches the label or relationship type
 * @param seq               the batch's number within its table, from 0
 * @param stagingPath       path of the file relative to the staging root
 * @param sha256            checksum of the file's bytes
 * @param schemaFingerprint fingerprint of the PROD columns (or properties) the batch was written with
 * @param keyVersion        version of the key the file is protected with: the raw-file key for
 *                          extracted batches, the anonymization key for anonymized ones
 * @param encrypted         Parquet modular encryption; always true for extracted batches, which
 *                          hold production personal data
 * @param lastOfTable       true on the table's batch with the highest {@code seq}
 */
public record BatchManifest(String batchId, String runId, String specHash, int attempt, Phase phase, String store,
        String schema, String table, BatchKind kind, int seq, String stagingPath, long rows, long bytes,
        String sha256, String schemaFingerprint, int keyVersion, boolean encrypted, boolean lastOfTable)
        implements Message {

    public BatchManifest {
        Require.text("BatchManifest.batchId", batchId);
        Require.runId("BatchManifest.runId", runId);
        Require.sha256("BatchManifest.specHash", specHash);
        Require.attempt("BatchManifest.attempt", attempt);
        Require.present("BatchManifest.phase", phase);
        Require.rule(phase == Phase.EXTRACT || phase == Phase.ANONYMIZE,
                "BatchManifest.phase must be extract or anonymize");
        Require.present("BatchManifest.kind", kind);
        Require.rule(BatchId.of(runId, phase, store, schema, table, seq).toString().equals(batchId),
                "BatchManifest.batchId must equal {runId}/{phase}/{store}/{schema}.{table}/{seq} of the manifest");
        Require.text("BatchManifest.stagingPath", stagingPath);
        Require.count("BatchManifest.rows", rows);
        Require.count("BatchManifest.bytes", bytes);
        Require.sha256("BatchManifest.sha256", sha256);
        Require.text("BatchManifest.schemaFingerprint", schemaFingerprint);
        Require.count("BatchManifest.keyVersion", keyVersion);
        Require.rule(encrypted || phase != Phase.EXTRACT, "BatchManifest: an extracted batch must be encrypted");
    }

    /** The batch id: batches spread over all partitions. */
    @Override
    public String key() {
        return batchId;
    }
}
