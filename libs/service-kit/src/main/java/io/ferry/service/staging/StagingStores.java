package io.ferry.service.staging;

import io.ferry.service.config.ServiceConfig;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.staging.s3.S3Settings;
import io.ferry.staging.s3.S3Staging;
import io.ferry.staging.s3.ServerSideEncryptionSettings;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the staging a service's configuration names: the filesystem folder, or the S3 bucket. */
public final class StagingStores {

    private StagingStores() {
    }

    /**
     * The staging of {@code store}; {@code root} is the filesystem's folder (unused for S3).
     *
     * @throws IllegalArgumentException when the S3 settings are incomplete or invalid, naming the key
     */
    public static Staging open(ServiceConfig.StagingStoreGroup store, Path root) {
        return switch (store.kind()) {
            case FILESYSTEM -> new FileSystemStaging(root);
            case S3 -> S3Staging.open(s3Settings(store.s3()));
        };
    }

    static S3Settings s3Settings(ServiceConfig.S3Group s3) {
        String bucket = s3.bucket().orElseThrow(
                () -> new IllegalArgumentException("staging kind s3 needs staging.s3.bucket"));
        if (s3.accessKeyId().isPresent() != s3.secretAccessKey().isPresent()) {
            throw new IllegalArgumentException(
                    "staging.s3.access-key-id and staging.s3.secret-access-key go together: set both or neither");
        }
        Optional<S3Settings.AccessKey> key = s3.accessKeyId()
                .map(id -> new S3Settings.AccessKey(id, s3.secretAccessKey().orElseThrow()));
        return new S3Settings(bucket, s3.prefix().orElse(""), s3.endpoint(), s3.region(), s3.pathStyle(), key,
                ServerSideEncryptionSettings.parse(s3.sse(), s3.sseKmsKeyId()), S3Settings.DEFAULT_PART_SIZE);
    }
}
