package io.ferry.extractor.extraction;

import io.ferry.service.RawKeySource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the extraction work needs to know about its limits and where it writes, without any framework
 * type: built from {@code ferry.extractor.*} by the service, or by hand in tests.
 *
 * @param stagingRoot            root of the filesystem staging
 * @param maxConnectionsPerStore most PROD sessions one store's extraction opens at once
 * @param statementTimeout       {@code statement_timeout} of every PROD statement
 * @param maxSnapshotAge         longest a store's snapshot may stay open
 * @param batchMaxRows           most rows in one batch file
 * @param batchMaxBytes          most bytes in one batch file
 * @param rowGroupBytes          Parquet row-group size
 * @param maxOpenWriters         most batch files one store's extraction writes at once
 * @param rawKey                 where the raw-file encryption key comes from ({@code ferry.extractor.raw-key})
 */
public record ExtractionSettings(Path stagingRoot, int maxConnectionsPerStore, Duration statementTimeout,
        Duration maxSnapshotAge, long batchMaxRows, long batchMaxBytes, long rowGroupBytes, int maxOpenWriters,
        RawKeySource rawKey) {

    public ExtractionSettings {
        Objects.requireNonNull(stagingRoot, "stagingRoot");
        Objects.requireNonNull(rawKey, "rawKey");
        positive("ferry.extractor.prod.max-connections-per-store", maxConnectionsPerStore);
        positive("ferry.extractor.prod.statement-timeout", statementTimeout);
        positive("ferry.extractor.prod.max-snapshot-age", maxSnapshotAge);
        positive("ferry.extractor.batch.max-rows", batchMaxRows);
        positive("ferry.extractor.batch.max-bytes", batchMaxBytes);
        positive("ferry.extractor.batch.row-group-bytes", rowGroupBytes);
        positive("ferry.extractor.batch.max-open-writers", maxOpenWriters);
        if (rowGroupBytes > batchMaxBytes) {
            throw new IllegalArgumentException(
                    "ferry.extractor.batch.row-group-bytes must not exceed ferry.extractor.batch.max-bytes");
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, not " + value);
        }
    }

    private static void positive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, not " + value);
        }
    }
}
