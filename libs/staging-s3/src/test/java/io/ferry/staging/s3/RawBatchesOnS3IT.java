package io.ferry.staging.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.FileKey;
import io.ferry.staging.ObjectInfo;
import io.ferry.staging.RawBatchSweeper;
import io.ferry.testkit.s3.S3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Raw batches on S3: Ferry encrypts them itself (Parquet modular encryption), so what the bucket hands back to anyone
 * who can read it holds no production value; the start-up sweep deletes those a crash left behind.
 */
class RawBatchesOnS3IT {

    private static final String SOURCE_VALUE = "Zebediah-Quarrington";
    private static final String RUN = "mig-20261121060000-001";
    private static final String RAW = RUN + "/extracted/ids/public.person/part-0.parquet";
    private static final String ANONYMIZED = RUN + "/anonymized/ids/public.person/part-0.parquet";
    private static final BatchSchema SCHEMA = new BatchSchema(
            List.of(new BatchColumn("id", "integer"), new BatchColumn("full_name", "text")),
            Map.of("store", "ids", "table", "public.person"));

    @TempDir
    Path dir;

    private final FileKey rawKey = key();

    private static FileKey key() {
        byte[] bytes = new byte[32];
        new Random(11).nextBytes(bytes);
        return new FileKey(1, bytes);
    }

    private Path writePeople(Path file, BatchWriterOptions options) {
        try (BatchWriter writer = BatchWriter.create(file, SCHEMA, options)) {
            for (int i = 0; i < 500; i++) {
                writer.write(new String[] {Integer.toString(i), i == 42 ? SOURCE_VALUE : "Person " + i});
            }
        }
        return file;
    }

    private static boolean holds(Path file, String value) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(value);
    }

    @Test
    void anEncryptedRawBatchRoundTripsAndTheBucketHoldsNoSourceValue() throws Exception {
        try (S3Staging staging = S3Fixture.newStaging()) {
            staging.put(RAW, writePeople(dir.resolve("raw.parquet"),
                    BatchWriterOptions.defaults().withEncryption(rawKey)));
            staging.put(ANONYMIZED, writePeople(dir.resolve("plain.parquet"), BatchWriterOptions.defaults()));

            Path stored = dir.resolve("stored-raw.parquet");
            staging.get(RAW, stored);
            assertThat(holds(stored, SOURCE_VALUE)).as("the raw batch as the bucket serves it").isFalse();
            Path plain = dir.resolve("stored-plain.parquet");
            staging.get(ANONYMIZED, plain);
            assertThat(holds(plain, SOURCE_VALUE)).as("unencrypted rows do show the value: the scan works").isTrue();

            try (BatchReader reader = BatchReader.open(stored, rawKey)) {
                List<String> names = new ArrayList<>();
                for (String[] row = reader.next(); row != null; row = reader.next()) {
                    names.add(row[1]);
                }
                assertThat(names).hasSize(500).contains(SOURCE_VALUE);
                assertThat(names.get(42)).isEqualTo(SOURCE_VALUE);
            }
        }
    }

    /** As every service does at start: raw batches older than the age go, with their interrupted uploads. */
    @Test
    void theStartupSweepDeletesOldRawBatchesAndTheirLeftoverUploadsOnly() throws Exception {
        S3Server server = S3Fixture.inMemory();
        String bucket = server.createBucket();
        try (S3Staging staging = S3Staging.open(S3Fixture.settings(server, bucket, ServerSideEncryptionSettings.AES256,
                S3Settings.DEFAULT_PART_SIZE)); S3Client s3 = S3Fixture.client(server)) {
            Path in = Files.writeString(dir.resolve("in"), "rows");
            staging.put(RAW, in);
            staging.put(ANONYMIZED, in);
            staging.put("reports/" + RUN + ".json", in);
            s3.createMultipartUpload(b -> b.bucket(bucket)
                    .key(S3Fixture.KEY_PREFIX + "/" + RUN + "/extracted/ids/public.person/part-1.parquet"));

            // S3 sets last-modified itself; a clock two hours on makes what was just put an hour past the age.
            Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
            assertThat(new RawBatchSweeper(staging, Clock.systemUTC()).sweep(Duration.ofHours(1)).count())
                    .as("young raw batches may still be anonymized").isZero();
            RawBatchSweeper.Sweep sweep = new RawBatchSweeper(staging, later).sweep(Duration.ofHours(1));

            assertThat(sweep.keys()).containsExactly(RAW);
            assertThat(staging.list("")).extracting(ObjectInfo::key)
                    .containsExactly(ANONYMIZED, "reports/" + RUN + ".json");
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        }
    }
}
