package io.ferry.staging.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.staging.ObjectInfo;
import io.ferry.staging.StagingException;
import io.ferry.testkit.s3.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** What is S3's own: the key prefix, encryption, multipart uploads and their leftovers, batch deletes, errors. */
class S3StagingIT {

    @TempDir
    Path dir;

    private final S3Server server = S3Fixture.inMemory();
    private final String bucket = server.createBucket();

    private S3Staging staging(ServerSideEncryptionSettings encryption, long partSize) {
        return S3Staging.open(S3Fixture.settings(server, bucket, encryption, partSize));
    }

    private HeadObjectResponse head(S3Client s3, String objectKey) {
        return s3.headObject(b -> b.bucket(bucket).key(objectKey));
    }

    @Test
    void objectsLiveUnderTheKeyPrefixAndOthersBesideItAreLeftAlone() throws Exception {
        try (S3Staging staging = staging(ServerSideEncryptionSettings.AES256, S3Settings.DEFAULT_PART_SIZE);
             S3Client s3 = S3Fixture.client(server)) {
            s3.putObject(b -> b.bucket(bucket).key("other/run/a"), RequestBody.fromString("not staging's"));
            // a console's folder marker and a hidden name: objects, but no staging key names them
            s3.putObject(b -> b.bucket(bucket).key("ferry/staging/run/"), RequestBody.empty());
            s3.putObject(b -> b.bucket(bucket).key("ferry/staging/run/.hidden"), RequestBody.fromString("x"));
            staging.put("run/a", Files.writeString(dir.resolve("in"), "rows"));

            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                    .contains("ferry/staging/run/a", "other/run/a");
            assertThat(staging.list("")).extracting(ObjectInfo::key).containsExactly("run/a");

            assertThat(staging.deletePrefix("")).as("everything under the prefix, listed or not").isEqualTo(3);
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                    .containsExactly("other/run/a");
        }
    }

    @Test
    void everyPutIsStoredWithTheServerSideEncryptionAskedFor() throws Exception {
        Path in = Files.writeString(dir.resolve("in"), "rows");
        try (S3Client s3 = S3Fixture.client(server)) {
            try (S3Staging staging = staging(ServerSideEncryptionSettings.AES256, S3Settings.DEFAULT_PART_SIZE)) {
                staging.put("run/anonymized/ids/public.person/part-0.parquet", in);
            }
            assertThat(head(s3, "ferry/staging/run/anonymized/ids/public.person/part-0.parquet").serverSideEncryption())
                    .isEqualTo(ServerSideEncryption.AES256);

            var kms = ServerSideEncryptionSettings.parse("aws:kms", Optional.of("ferry-staging-key"));
            try (S3Staging staging = staging(kms, S3Settings.DEFAULT_PART_SIZE)) {
                staging.put("reports/run.json", in);
            }
            HeadObjectResponse head = head(s3, "ferry/staging/reports/run.json");
            assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(head.ssekmsKeyId()).isEqualTo("ferry-staging-key");
        }
    }

    /** A service's shutdown and each test's end wait for this: the I/O threads end at once, not after a quiet period. */
    @Test
    void closingStopsItsIoThreadsAtOnce() throws Exception {
        S3Staging staging = staging(ServerSideEncryptionSettings.AES256, S3Settings.DEFAULT_PART_SIZE);
        staging.put("run/a", Files.writeString(dir.resolve("in"), "rows"));
        assertThat(ioThreads()).as("threads serving the put").isNotEmpty();

        List<Thread> serving = ioThreads();
        long started = System.nanoTime();
        staging.close();
        // A loop's termination completes on its own thread just before the thread ends: give each a moment to end.
        for (Thread t : serving) {
            t.join(500);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(ioThreads()).as("I/O threads left after close").isEmpty();
        assertThat(millis).as("close, ms (the SDK's own event loops took 2,000 or more)").isLessThan(2_000);
    }

    private static List<Thread> ioThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("s3-io-"))
                .filter(Thread::isAlive).toList();
    }

    /** Above the part size a put is a multipart upload: it round-trips, is encrypted, and leaves no upload behind. */
    @Test
    void aLargeObjectIsUploadedInPartsEncryptedAndWhole() throws Exception {
        byte[] bytes = new byte[(int) (2.5 * S3Settings.MIN_PART_SIZE)];
        new Random(7).nextBytes(bytes);
        Path in = Files.write(dir.resolve("in"), bytes);
        try (S3Staging staging = staging(ServerSideEncryptionSettings.AES256, S3Settings.MIN_PART_SIZE);
             S3Client s3 = S3Fixture.client(server)) {
            staging.put("run/extracted/ids/public.person/part-0.parquet", in);

            HeadObjectResponse head = head(s3, "ferry/staging/run/extracted/ids/public.person/part-0.parquet");
            assertThat(head.eTag()).as("a multipart ETag ends with its part count").endsWith("-3\"");
            assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();

            Path out = dir.resolve("out");
            staging.get("run/extracted/ids/public.person/part-0.parquet", out);
            assertThat(Files.readAllBytes(out)).isEqualTo(bytes);
        }
    }

    @Test
    void aStoreThatCannotEncryptRefusesThePutAndNothingIsStored() throws Exception {
        S3Server plain = S3Fixture.onDisk();
        String plainBucket = plain.createBucket();
        try (S3Staging staging = S3Staging.open(S3Fixture.settings(plain, plainBucket,
                ServerSideEncryptionSettings.AES256, S3Settings.DEFAULT_PART_SIZE));
             S3Client s3 = S3Fixture.client(plain)) {
            Path in = Files.writeString(dir.resolve("in"), "Zebediah Quarrington");
            assertThatThrownBy(() -> staging.put("run/anonymized/ids/public.person/part-0.parquet", in))
                    .isInstanceOf(StagingException.class)
                    .hasMessage("staging put run/anonymized/ids/public.person/part-0.parquet failed: "
                            + "S3 501 NotImplemented (Server-side encryption is not supported.)")
                    .hasMessageNotContaining("Zebediah");
            assertThat(s3.listObjectsV2(b -> b.bucket(plainBucket)).contents()).isEmpty();
        }
    }

    /** A crash in a multipart put leaves the upload (and its parts, raw data for a raw batch) behind. */
    @Test
    void interruptedWritesOlderThanTheCutoffAreAborted() throws Exception {
        try (S3Staging staging = staging(ServerSideEncryptionSettings.AES256, S3Settings.DEFAULT_PART_SIZE);
             S3Client s3 = S3Fixture.client(server)) {
            String left = "ferry/staging/run/extracted/ids/public.person/part-3.parquet";
            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(left)).uploadId();
            s3.uploadPart(b -> b.bucket(bucket).key(left).uploadId(uploadId).partNumber(1),
                    RequestBody.fromString("encrypted raw rows"));
            String notOurs = s3.createMultipartUpload(b -> b.bucket(bucket).key("other/upload")).uploadId();

            assertThat(staging.deleteInterruptedWrites(Instant.now().minusSeconds(3600)))
                    .as("an upload younger than the cutoff may still be running").isZero();
            assertThat(staging.deleteInterruptedWrites(Instant.now().plusSeconds(60))).isEqualTo(1);

            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads())
                    .extracting(u -> u.uploadId()).containsExactly(notOurs);
        }
    }

    @Test
    void deletePrefixDeletesPastOneBatchOfAThousandAndAbortsUploadsUnderIt() throws Exception {
        try (S3Staging staging = staging(ServerSideEncryptionSettings.AES256, S3Settings.DEFAULT_PART_SIZE);
             S3Client s3 = S3Fixture.client(server)) {
            IntStream.range(0, 1001).parallel().forEach(i -> s3.putObject(
                    b -> b.bucket(bucket).key("ferry/staging/run/extracted/sp/label.P/part-" + i + ".parquet"),
                    RequestBody.fromString("x")));
            s3.putObject(b -> b.bucket(bucket).key("ferry/staging/run/anonymized/sp/label.P/part-0.parquet"),
                    RequestBody.fromString("kept"));
            s3.createMultipartUpload(
                    b -> b.bucket(bucket).key("ferry/staging/run/extracted/sp/label.P/part-9.parquet"));

            assertThat(staging.deletePrefix("run/extracted")).isEqualTo(1001);

            assertThat(staging.list("")).extracting(ObjectInfo::key)
                    .containsExactly("run/anonymized/sp/label.P/part-0.parquet");
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        }
    }

    @Test
    void errorsNameTheKeyAndWhatS3Said() {
        S3Settings missing = S3Fixture.settings(server, "no-such-bucket-here", ServerSideEncryptionSettings.AES256,
                S3Settings.DEFAULT_PART_SIZE);
        try (S3Staging staging = S3Staging.open(missing)) {
            assertThatThrownBy(() -> staging.list("run"))
                    .isInstanceOf(StagingException.class)
                    .hasMessageStartingWith("staging list run failed: S3 404 NoSuchBucket");
        }
        S3Settings wrongSecret = new S3Settings(bucket, "", Optional.of(server.endpoint()),
                Optional.of(S3Server.REGION), true, Optional.of(new S3Settings.AccessKey(server.accessKey(), "wrong")),
                ServerSideEncryptionSettings.AES256, S3Settings.DEFAULT_PART_SIZE);
        try (S3Staging staging = S3Staging.open(wrongSecret)) {
            assertThatThrownBy(() -> staging.stat("run/a"))
                    .isInstanceOf(StagingException.class)
                    .hasMessageStartingWith("staging stat run/a failed: S3 403");
        }
    }
}
