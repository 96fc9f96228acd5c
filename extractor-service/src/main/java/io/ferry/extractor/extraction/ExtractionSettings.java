package io.ferry.extractor.extraction;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What bounds an extraction, from the service's configuration ({@code ferry.extractor.*}).
 *
 * @param maxConnectionsPerStore PROD sessions one store's extraction may hold, the planning one included
 * @param maxSnapshotAge         an extraction whose snapshot is older stops: a long snapshot holds back
 *                               vacuum on a primary and invites recovery conflicts on a standby
 * @param batchMaxRows           a batch is closed at this many rows ...
 * @param batchMaxBytes          ... or at about this many bytes, whichever comes first
 * @param maxOpenWriters         tables written at the same time (each holds one row group in memory)
 */
public record ExtractionSettings(Path stagingRoot, int maxConnectionsPerStore, Duration statementTimeout,
        Duration maxSnapshotAge, int batchMaxRows, long batchMaxBytes, long rowGroupBytes, int maxOpenWriters) {
}
