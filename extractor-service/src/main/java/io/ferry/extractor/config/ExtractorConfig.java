package io.ferry.extractor.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.ferry.service.config.ServiceConfig;
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

    ServiceConfig.StagingGroup staging();

    ServiceConfig.SpecGroup spec();

    ServiceConfig.RawKeyGroup rawKey();

    ProdGroup prod();

    BatchGroup batch();

    ServiceConfig.RetryGroup retry();

    ReadinessGroup readiness();

    /** The free-text dictionary's HMAC key, base64; the same as the anonymizer's {@code dictionary-key}. */
    Optional<String> dictionaryKey();

    PreflightGroup preflight();

    WarmUpGroup warmUp();

    /** The rehearsal on made-up people at start ({@link io.ferry.extractor.extraction.ExtractionWarmUp}). */
    interface WarmUpGroup {
        /** Made-up people of each round; 0 skips the warm-up. */
        @WithDefault("20000")
        int rows();

        @WithDefault("2")
        int rounds();
    }

    /** The preflight's classification and reserved ranges (see {@code PreflightSettingsProducer}). */
    interface PreflightGroup {
        @WithDefault("true")
        boolean enforce();

        @WithDefault("200")
        int sampleSize();

        /** Reserved email domains besides example.org. */
        Optional<List<String>> reservedEmailDomains();

        @WithDefault("F-")
        String idPrefix();
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

    interface ReadinessGroup {
        /** A spec whose PROD connections the readiness check opens; none: the "prod" check only says so. */
        Optional<Path> specFile();
    }
}
