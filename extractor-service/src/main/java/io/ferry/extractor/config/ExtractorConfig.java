package io.ferry.extractor.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The extractor's settings ({@code ferry.extractor.*}). Durations are written {@code 15m}, {@code 2h} or
 * ISO-8601; sizes {@code 64M}. The work code never sees this interface: it gets
 * {@link io.ferry.extractor.extraction.ExtractionSettings}, a plain record built from it.
 */
@ConfigMapping(prefix = "ferry.extractor")
public interface ExtractorConfig {

    /** Setting names the plain pieces built from this put in their messages, so they name the key to fix. */
    String SPEC_PROPERTIES_FILE = "ferry.extractor.spec.properties-file";
    String RAW_KEY = "ferry.extractor.raw-key";
    String RETRY = "ferry.extractor.retry";

    StagingGroup staging();

    SpecGroup spec();

    RawKeyGroup rawKey();

    ProdGroup prod();

    BatchGroup batch();

    RetryGroup retry();

    ReadinessGroup readiness();

    interface StagingGroup {
        /** Root folder of the filesystem staging shared with the other services (must exist). */
        Path root();

        /** Raw (extracted) objects older than this are deleted at start; must exceed one batch's anonymization. */
        @WithDefault("1h")
        Duration rawAge();
    }

    interface SpecGroup {
        /** An {@code estate.properties}-style file whose keys resolve {@code ${...}} in staged specs, after the environment. */
        Optional<Path> propertiesFile();

        /** Folder that relative {@code passwordFile} and key paths of a staged spec resolve from; default {@code {staging.root}/specs}. */
        Optional<Path> secretsDir();
    }

    interface RawKeyGroup {
        /** File holding the raw-file encryption key (base64); exactly one of file and value when extraction runs. */
        Optional<Path> file();

        /** The raw-file encryption key itself, base64; exactly one of file and value when extraction runs. */
        Optional<String> value();

        /** Version of the raw-file key, written into every extracted batch manifest. */
        @WithDefault("1")
        int version();
    }

    interface ProdGroup {
        /** Most PROD sessions one store's extraction opens at once (they share one snapshot). */
        @WithDefault("4")
        int maxConnectionsPerStore();

        /** {@code statement_timeout} of every PROD statement. */
        @WithDefault("15m")
        Duration statementTimeout();

        /** Longest a store's snapshot may stay open; extraction fails (transient) past it. */
        @WithDefault("2h")
        Duration maxSnapshotAge();
    }

    interface BatchGroup {
        /** Most rows in one batch file. */
        @WithDefault("250000")
        long maxRows();

        /** Most bytes in one batch file. */
        @WithDefault("64M")
        MemorySize maxBytes();

        /** Parquet row-group size. */
        @WithDefault("32M")
        MemorySize rowGroupBytes();

        /** Most batch files one store's extraction writes at once. */
        @WithDefault("4")
        int maxOpenWriters();
    }

    interface RetryGroup {
        /** How many times a transient failure is retried in-process before it is reported (0: never). */
        @WithDefault("3")
        int attempts();

        /** Delay before each retry; the last one repeats if there are more retries than delays. */
        @WithDefault("2s,8s,30s")
        List<Duration> backoff();
    }

    interface ReadinessGroup {
        /** A spec whose PROD connections the readiness check opens; none: the "prod" check only says so. */
        Optional<Path> specFile();
    }
}
