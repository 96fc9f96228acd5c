package io.ferry.service.config;

import io.smallrye.config.WithDefault;
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

    public interface StagingGroup {
        /** Root folder of the filesystem staging shared with the other services (must exist). */
        Path root();

        /** Raw (extracted) objects older than this are deleted at start; must exceed one batch's anonymization. */
        @WithDefault("1h")
        Duration rawAge();
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
