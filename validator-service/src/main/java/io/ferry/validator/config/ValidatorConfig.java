package io.ferry.validator.config;

import io.ferry.service.config.ServiceConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The validator's settings ({@code ferry.validator.*}, listed in docs/validator.md). Durations are written
 * {@code 5m}, {@code 2h} or ISO-8601. The work code never sees this interface. There is no raw-file key:
 * the validator reads anonymized (plaintext) batches only.
 */
@ConfigMapping(prefix = "ferry.validator")
public interface ValidatorConfig {

    String SPEC_PROPERTIES_FILE = "ferry.validator.spec.properties-file";
    String RETRY = "ferry.validator.retry";

    /** {@code raw-age} is part of the shared group but unused: the validator sweeps no raw batches. */
    ServiceConfig.StagingGroup staging();

    ServiceConfig.SpecGroup spec();

    ServiceConfig.RetryGroup retry();

    /** Where a validation copies its run's batches and DuckDB spills; its leftovers are deleted at start. */
    @WithDefault("${java.io.tmpdir}/ferry-validator")
    Path workDir();

    /** The most example keys a finding lists. */
    @WithDefault("5")
    int examples();

    DuckdbGroup duckdb();

    CertGroup cert();

    interface DuckdbGroup {
        /** DuckDB's threads for the checks inside the closure. */
        @WithDefault("2")
        int threads();

        /** DuckDB's memory limit, in DuckDB's own notation ({@code 512MB}, {@code 2GB}); beyond it DuckDB spills. */
        @WithDefault("256MB")
        String memory();
    }

    interface CertGroup {
        /** CERT's {@code statement_timeout} for each check query run there. */
        @WithDefault("5m")
        Duration statementTimeout();
    }
}
