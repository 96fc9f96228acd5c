package io.ferry.anonymizer.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.ferry.service.config.ServiceConfig;
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

    ServiceConfig.StagingGroup staging();

    ServiceConfig.SpecGroup spec();

    ServiceConfig.RawKeyGroup rawKey();

    /** The free-text dictionary's HMAC key, base64; the same as the extractor's {@code dictionary-key}. */
    Optional<String> dictionaryKey();

    OutputGroup output();

    /** Threads that anonymize chunks of batches, shared by the batches in work; 0: one per core. */
    @WithDefault("0")
    int transformThreads();

    LeakGroup leak();

    ServiceConfig.RetryGroup retry();

    WarmUpGroup warmUp();

    interface OutputGroup {
        /** Domain of generated emails (reserved; the preflight must reserve it too). */
        @WithDefault("example.org")
        String emailDomain();

        /** Prefix of generated state ids and usernames; must equal the preflight's {@code id-prefix}. */
        @WithDefault("F-")
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

    /** The rehearsal on made-up people at start ({@code io.ferry.anonymizer.startup.WarmUp}). */
    interface WarmUpGroup {
        /** Rows of each warm-up batch; 0 skips the warm-up. */
        @WithDefault("20000")
        int rows();

        /** Rounds of one batch per worker thread. */
        @WithDefault("2")
        int rounds();
    }

}
