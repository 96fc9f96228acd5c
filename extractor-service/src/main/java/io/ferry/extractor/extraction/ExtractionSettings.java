package io.ferry.extractor.extraction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

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
 * @param rawKey                 where the raw-file encryption key comes from
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

    /**
     * The raw-file key (Parquet modular encryption of extracted batches): a file or a value, base64 of a
     * 16, 24 or 32 byte AES key. {@link #toString()} never shows the value.
     */
    public record RawKeySource(Optional<Path> file, Optional<String> value, int version) {

        public RawKeySource {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(value, "value");
            if (version < 0) {
                throw new IllegalArgumentException("ferry.extractor.raw-key.version must be 0 or more");
            }
        }

        /**
         * The key's bytes.
         *
         * @throws ExtractionFailure fatal {@code RAW_KEY_UNAVAILABLE} when neither or both of file and
         *                           value are set, the file cannot be read, or the key is not base64 of
         *                           16, 24 or 32 bytes; the message names the setting, never the key
         */
        public byte[] load() {
            if (file.isPresent() == value.isPresent()) {
                throw unavailable("exactly one of ferry.extractor.raw-key.file and ferry.extractor.raw-key.value "
                        + "must be set to extract (" + (file.isPresent() ? "both are" : "neither is") + ")");
            }
            String text;
            String from;
            if (file.isPresent()) {
                from = "ferry.extractor.raw-key.file " + file.get();
                try {
                    text = Files.readString(file.get(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw unavailable("cannot read " + from + " (" + e.getClass().getSimpleName() + ")");
                }
            } else {
                from = "ferry.extractor.raw-key.value";
                text = value.get();
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(text.strip());
            } catch (IllegalArgumentException e) {
                throw unavailable(from + " is not base64");
            }
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw unavailable(from + " must hold a 16, 24 or 32 byte key, not " + key.length + " bytes");
            }
            return key;
        }

        @Override
        public String toString() {
            return "RawKeySource[file=" + file.map(Path::toString).orElse("none") + ", value="
                    + (value.isPresent() ? "(set)" : "none") + ", version=" + version + "]";
        }

        private static ExtractionFailure unavailable(String message) {
            return ExtractionFailure.fatal("RAW_KEY_UNAVAILABLE", message);
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
