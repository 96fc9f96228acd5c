package io.ferry.service.config;

import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Configuration groups every phase service has under its own prefix ({@code ferry.extractor.staging.*},
 * {@code ferry.anonymizer.staging.*}, ...): a service's {@code @ConfigMapping} interface returns them.
 * Durations are written {@code 15m}, {@code 2h} or ISO-8601.
 */
public final class ServiceConfig {

    private ServiceConfig() {
    }

    /** Which store staging lives in; the coordinator's staging group has it too. */
    public interface StagingStoreGroup {
        /** {@code filesystem} (the folder {@code root}) or {@code s3} (the bucket {@code s3.bucket}). */
        @WithDefault("filesystem")
        StagingKind kind();

        /** The S3 store, read only when {@code kind} is {@code s3}. */
        S3Group s3();
    }

    public interface StagingGroup extends StagingStoreGroup {
        /** Root folder of the filesystem staging shared with the other services (must exist for that kind). */
        Path root();

        /** Raw (extracted) objects older than this are deleted at start; must exceed one batch's anonymization. */
        @WithDefault("1h")
        Duration rawAge();
    }

    /** Staging on S3 (docs/staging.md, "S3"); every object is stored with server-side encryption. */
    public interface S3Group {
        /** The bucket (it must exist); required when the staging kind is {@code s3}. */
        Optional<String> bucket();

        /** A folder in the bucket that holds the staging (for example {@code ferry/prod}); default the bucket's top. */
        Optional<String> prefix();

        /** An S3-compatible endpoint such as {@code https://minio.example:9000}; default AWS's own. */
        Optional<URI> endpoint();

        /** The signing region; default the AWS SDK's chain ({@code AWS_REGION}, profile, instance metadata). */
        Optional<String> region();

        /** Path-style requests ({@code host/bucket/key}); most S3-compatible stores need them. */
        @WithDefault("false")
        boolean pathStyle();

        /** A fixed access key id; default the AWS SDK's chain (environment, web identity / IRSA, profile, role). */
        Optional<String> accessKeyId();

        /** The secret of {@code access-key-id}; set both or neither. */
        Optional<String> secretAccessKey();

        /** Server-side encryption of every object: {@code AES256} (SSE-S3) or {@code aws:kms} (SSE-KMS). */
        @WithDefault("AES256")
        String sse();

        /** The KMS key (id, ARN or alias) for {@code aws:kms}; default the account's S3 key. */
        Optional<String> sseKmsKeyId();
    }

    public interface SpecGroup {
        /** An {@code estate.properties}-style file whose keys resolve {@code ${...}} in staged specs, after the environment. */
        Optional<Path> propertiesFile();

        /** Folder that relative {@code passwordFile} and key paths of a staged spec resolve from; default {@code {staging.root}/specs}. */
        Optional<Path> secretsDir();
    }

    public interface RawKeyGroup {
        /** File holding the raw-file encryption key (base64); exactly one of file and value. */
        Optional<Path> file();

        /** The raw-file encryption key itself, base64; exactly one of file and value. */
        Optional<String> value();

        /** Version of the raw-file key, written into (and required of) every extracted batch. */
        @WithDefault("1")
        int version();
    }

    public interface RetryGroup {
        /** How many times a transient failure is retried in-process before it is reported (0: never). */
        @WithDefault("3")
        int attempts();

        /** Delay before each retry; the last one repeats if there are more retries than delays. */
        @WithDefault("2s,8s,30s")
        List<Duration> backoff();
    }
}
