package io.ferry.anonymizer.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The anonymizer's settings ({@code ferry.anonymizer.*}, listed in docs/anonymizer.md). Durations are
 * written {@code 15m}, {@code 2h} or ISO-8601; sizes {@code 32M}. The work code never sees this interface.
 */
@ConfigMapping(prefix = "ferry.anonymizer")
public interface AnonymizerConfig {

    String SPEC_PROPERTIES_FILE = "ferry.anonymizer.spec.properties-file";
    String RAW_KEY = "ferry.anonymizer.raw-key";
    String RETRY = "ferry.anonymizer.retry";
    String DICTIONARY_KEY = "ferry.anonymizer.dictionary-key";

    StagingGroup staging();

    SpecGroup spec();

    RawKeyGroup rawKey();

    /** The free-text dictionary's HMAC key, base64; the same as the extractor's {@code dictionary-key}. */
    Optional<String> dictionaryKey();

    OutputGroup output();

    LeakGroup leak();

    RetryGroup retry();

    interface StagingGroup {
        /** Root folder of the filesystem staging shared with the other services (must exist). */
        Path root();

        /** Raw (extracted) objects older than this are deleted at start; must exceed one batch's anonymization. */
        @WithDefault("1h")
        Duration rawAge();
    }

    interface SpecGroup {
        /** An {@code estate.properties}-style file whose keys resolve {@code ${...}} in staged specs. */
        Optional<Path> propertiesFile();

        /** Folder that the spec's {@code anonymize.key.file} resolves from; default {@code {staging.root}/specs}. */
        Optional<Path> secretsDir();
    }

    interface RawKeyGroup {
        /** File holding the raw-file key (base64), the extractor's; exactly one of file and value. */
        Optional<Path> file();

        /** The raw-file key itself, base64; exactly one of file and value. */
        Optional<String> value();

        /** Version of the raw-file key; raw batches of another version are refused. */
        @WithDefault("1")
        int version();
    }

    interface OutputGroup {
        /** Domain of generated emails (reserved; the preflight must reserve it too). */
        @WithDefault("example.org")
        String emailDomain();

        /** Prefix of generated state ids and usernames; must equal the preflight's {@code id-prefix}. */
        @WithDefault("FERRY-")
        String idPrefix();

        /** Cached values per rule and thread. */
        @WithDefault("4096")
        int cacheSize();

        /** Parquet row-group size of anonymized batches. */
        @WithDefault("32M")
        MemorySize rowGroupBytes();
    }

    interface LeakGroup {
        /** Threads of the run's leak check. */
        @WithDefault("2")
        int threads();

        /** A {@code honeytokens.json} whose values must never reach any output. */
        Optional<Path> honeytokensFile();
    }

    interface RetryGroup {
        /** How many times a transient failure is retried in-process before it is reported (0: never). */
        @WithDefault("3")
        int attempts();

        /** Delay before each retry; the last one repeats if there are more retries than delays. */
        @WithDefault("2s,8s,30s")
        List<Duration> backoff();
    }
}
