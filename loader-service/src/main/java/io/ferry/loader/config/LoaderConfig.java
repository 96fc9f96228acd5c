package io.ferry.loader.config;

import io.ferry.service.config.ServiceConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The loader's settings ({@code ferry.loader.*}, listed in docs/loader.md). Durations are written {@code 10s},
 * {@code 30m} or ISO-8601. The work code never sees this interface. There is no raw-file key: the loader reads
 * anonymized (plaintext) batches only, and no PROD connection: it holds CERT's credentials only.
 */
@ConfigMapping(prefix = "ferry.loader")
public interface LoaderConfig {

    String SPEC_PROPERTIES_FILE = "ferry.loader.spec.properties-file";
    String RETRY = "ferry.loader.retry";

    /** {@code raw-age} is part of the shared group but unused: the loader sweeps no raw batches. */
    ServiceConfig.StagingGroup staging();

    ServiceConfig.SpecGroup spec();

    ServiceConfig.RetryGroup retry();

    /** Where a load copies its store's batches; its leftovers are deleted at start. */
    @WithDefault("${java.io.tmpdir}/ferry-loader")
    Path workDir();

    CertGroup cert();

    /**
     * How long a load waits for the stores it references to decide their key maps (they load beside it, ADR 4);
     * then it answers that it did not begin, and the coordinator sends it again.
     */
    @WithDefault("10m")
    Duration mapWait();

    interface CertGroup {
        /** CERT's {@code lock_timeout} in the loader's transactions: how long CERT's users may hold it up. */
        @WithDefault("10s")
        Duration lockTimeout();

        /** CERT's {@code statement_timeout} in the loader's transactions. */
        @WithDefault("30m")
        Duration statementTimeout();
    }
}
