package io.ferry.staging.s3;

import io.ferry.testkit.s3.S3Server;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 servers these tests share (one per kind per JVM, stopped at exit), settings that point at them, and a plain
 * SDK client that looks at a bucket the way an operator (or an attacker with read access) would.
 */
final class S3Fixture {

    /** The prefix tests put the staging under, so that objects beside it can show they are left alone. */
    static final String KEY_PREFIX = "ferry/staging";

    private static S3Server inMemory;
    private static S3Server onDisk;

    private S3Fixture() {
    }

    /** The shared server that honours server-side encryption. */
    static synchronized S3Server inMemory() {
        if (inMemory == null) {
            inMemory = S3Server.startInMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(inMemory::close, "s3-in-memory-shutdown"));
        }
        return inMemory;
    }

    /** The shared server that refuses server-side encryption. */
    static synchronized S3Server onDisk() {
        if (onDisk == null) {
            onDisk = S3Server.startOnDisk();
            Runtime.getRuntime().addShutdownHook(new Thread(onDisk::close, "s3-on-disk-shutdown"));
        }
        return onDisk;
    }

    static S3Settings settings(S3Server server, String bucket, ServerSideEncryptionSettings encryption, long partSize) {
        return new S3Settings(bucket, KEY_PREFIX, Optional.of(server.endpoint()), Optional.of(S3Server.REGION), true,
                Optional.of(new S3Settings.AccessKey(server.accessKey(), server.secretKey())), encryption, partSize);
    }

    /** An S3 staging in a new bucket of the in-memory server, AES256, the default part size. */
    static S3Staging newStaging() {
        S3Server server = inMemory();
        return S3Staging.open(settings(server, server.createBucket(), ServerSideEncryptionSettings.AES256,
                S3Settings.DEFAULT_PART_SIZE));
    }

    static S3Client client(S3Server server) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(S3Server.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .build();
    }
}
