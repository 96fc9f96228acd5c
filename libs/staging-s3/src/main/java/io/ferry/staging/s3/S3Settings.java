package io.ferry.staging.s3;

import io.ferry.staging.StagingKeys;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how {@link S3Staging} stores objects.
 *
 * @param bucket      the bucket (it must exist; Ferry does not create buckets)
 * @param keyPrefix   a folder inside the bucket that holds the staging root ({@code ""}: the bucket's top)
 * @param endpoint    an S3-compatible endpoint (MinIO, Ceph, S3Proxy); empty for AWS itself
 * @param region      the signing region; empty for the SDK's default chain ({@code AWS_REGION}, profile, instance)
 * @param pathStyle   {@code http://host/bucket/key}, not {@code http://bucket.host/key}; most non-AWS stores need it
 * @param credentials a fixed access key; empty for the SDK's default chain (environment, web identity, profile, pod or
 *                    instance role)
 * @param encryption  the server-side encryption every object is stored with
 * @param partSize    objects larger than this are uploaded in parts of this size (at least 5 MiB, S3's smallest part)
 */
public record S3Settings(String bucket, String keyPrefix, Optional<URI> endpoint, Optional<String> region,
        boolean pathStyle, Optional<AccessKey> credentials, ServerSideEncryptionSettings encryption, long partSize) {

    /** S3 refuses parts smaller than this (except the last). */
    public static final long MIN_PART_SIZE = 5L << 20;
    public static final long DEFAULT_PART_SIZE = 16L << 20;

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("the S3 staging needs a bucket");
        }
        String folder = StagingKeys.requirePrefix(Objects.requireNonNull(keyPrefix, "keyPrefix"));
        keyPrefix = folder.isEmpty() ? "" : folder + "/";
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(encryption, "encryption");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("the S3 part size must be at least 5 MiB, not " + partSize + " bytes");
        }
    }

    /** A static access key pair. {@link #toString()} leaves the secret out. */
    public record AccessKey(String accessKeyId, String secretAccessKey) {

        public AccessKey {
            if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
                throw new IllegalArgumentException("an S3 access key needs both the key id and the secret");
            }
        }

        @Override
        public String toString() {
            return "AccessKey[" + accessKeyId + "]";
        }
    }
}
