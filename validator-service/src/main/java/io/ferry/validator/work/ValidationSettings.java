package io.ferry.validator.work;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param workRoot         where a validation fetches its run's batches (deleted afterwards)
 * @param examples         the most example keys per finding
 * @param duckThreads      DuckDB's threads
 * @param duckMemory       DuckDB's memory limit, e.g. {@code 512MB}
 * @param statementTimeout CERT's {@code statement_timeout} for the checks
 */
public record ValidationSettings(Path workRoot, int examples, int duckThreads, String duckMemory,
        Duration statementTimeout) {
}
