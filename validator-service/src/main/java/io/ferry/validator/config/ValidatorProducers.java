package io.ferry.validator.config;

import io.ferry.service.messaging.CommandProcessor;
import io.ferry.service.messaging.RetryPolicy;
import io.ferry.service.spec.SpecLoader;
import io.ferry.service.spec.SpecResolution;
import io.ferry.service.spec.StagedSpecLoader;
import io.ferry.spec.parse.SpecParser;
import io.ferry.service.staging.StagingStores;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import io.ferry.validator.messaging.ValidateCommand;
import io.ferry.validator.messaging.VerifyCommand;
import io.ferry.validator.verify.VerifyJob;
import io.ferry.validator.messaging.ValidatorPublisher;
import io.ferry.validator.metrics.ValidatorMetrics;
import io.ferry.validator.work.ValidationJob;
import io.ferry.validator.work.ValidationSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/** Turns {@link ValidatorConfig} into the plain objects the rest of the service is built from. */
@Dependent
public class ValidatorProducers {

    /** The staging {@code staging.kind} names: the folder {@code staging.root} (the default) or an S3 bucket. */
    @Produces
    @Singleton
    Staging staging(ValidatorConfig config) {
        return StagingStores.open(config.staging(), config.staging().root());
    }

    void closeStaging(@Disposes Staging staging) {
        staging.close();
    }

    /**
     * Staged specs, resolving CERT's connections only: the validator holds CERT credentials and never PROD's,
     * so a spec must parse without them.
     */
    @Produces
    @Singleton
    SpecLoader specLoader(Staging staging, ValidatorConfig config) {
        return new StagedSpecLoader(staging, new SpecResolution(System.getenv(), ValidatorConfig.SPEC_PROPERTIES_FILE,
                config.spec().propertiesFile(), secretsFolder(config)), Set.of(SpecParser.Environment.CERT));
    }

    @Produces
    @Singleton
    ValidationSettings validationSettings(ValidatorConfig config) {
        return new ValidationSettings(workDir(config), config.examples(), config.duckdb().threads(),
                config.duckdb().memory(), config.cert().statementTimeout());
    }

    @Produces
    @Singleton
    RetryPolicy retryPolicy(ValidatorConfig config) {
        return new RetryPolicy(ValidatorConfig.RETRY, config.retry().attempts(), config.retry().backoff());
    }

    @Produces
    @Singleton
    CommandProcessor commandProcessor(SpecLoader specLoader, ValidatorPublisher publisher, Staging staging,
            RetryPolicy retryPolicy, ValidatorMetrics metrics) {
        return new CommandProcessor(specLoader, publisher, staging, retryPolicy, metrics);
    }

    /** A fresh {@link ValidationJob} per validation: its figures (rows, reference checks) are then that run's. */
    @Produces
    @Singleton
    ValidateCommand validateCommand(Staging staging, ValidationSettings settings, ValidatorMetrics metrics,
            ValidatorPublisher publisher, Clock clock) {
        return new ValidateCommand(() -> new ValidationJob(staging, settings), metrics, publisher, clock);
    }

    @Produces
    @Singleton
    VerifyCommand verifyCommand(Staging staging, ValidationSettings settings) {
        return new VerifyCommand(new VerifyJob(staging, settings));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The work folder, absolute: a relative setting would move with the working directory. */
    public static Path workDir(ValidatorConfig config) {
        return config.workDir().toAbsolutePath().normalize();
    }

    static Path secretsFolder(ValidatorConfig config) {
        return config.spec().secretsDir().orElse(config.staging().root().resolve(StagingLayout.SPECS));
    }
}
