package io.ferry.loader.config;

import io.ferry.loader.load.LoadTimeouts;
import io.ferry.loader.messaging.CompensateCommand;
import io.ferry.loader.messaging.LoadCommand;
import io.ferry.loader.messaging.LoaderPublisher;
import io.ferry.loader.metrics.LoaderMetrics;
import io.ferry.loader.work.CompensationJob;
import io.ferry.loader.work.LoadJob;
import io.ferry.loader.work.LoaderSettings;
import io.ferry.loader.work.WriteLocks;
import io.ferry.service.messaging.CommandProcessor;
import io.ferry.service.messaging.RetryPolicy;
import io.ferry.service.spec.SpecLoader;
import io.ferry.service.spec.SpecResolution;
import io.ferry.service.spec.StagedSpecLoader;
import io.ferry.spec.parse.SpecParser;
import io.ferry.service.staging.StagingStores;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/** Turns {@link LoaderConfig} into the plain objects the rest of the service is built from. */
@Dependent
public class LoaderProducers {

    /** The staging {@code staging.kind} names: the folder {@code staging.root} (the default) or an S3 bucket. */
    @Produces
    @Singleton
    Staging staging(LoaderConfig config) {
        return StagingStores.open(config.staging(), config.staging().root());
    }

    void closeStaging(@Disposes Staging staging) {
        staging.close();
    }

    /**
     * Staged specs, resolving CERT's connections only: the loader holds CERT credentials and never PROD's, so a
     * spec must parse without them.
     */
    @Produces
    @Singleton
    SpecLoader specLoader(Staging staging, LoaderConfig config) {
        Path secrets = config.spec().secretsDir().orElse(config.staging().root().resolve(StagingLayout.SPECS));
        return new StagedSpecLoader(staging, new SpecResolution(System.getenv(), LoaderConfig.SPEC_PROPERTIES_FILE,
                config.spec().propertiesFile(), secrets), Set.of(SpecParser.Environment.CERT));
    }

    @Produces
    @Singleton
    LoaderSettings loaderSettings(LoaderConfig config) {
        return new LoaderSettings(workDir(config),
                new LoadTimeouts(config.cert().lockTimeout(), config.cert().statementTimeout()), config.mapWait());
    }

    @Produces
    @Singleton
    RetryPolicy retryPolicy(LoaderConfig config) {
        return new RetryPolicy(LoaderConfig.RETRY, config.retry().attempts(), config.retry().backoff());
    }

    @Produces
    @Singleton
    CommandProcessor commandProcessor(SpecLoader specLoader, LoaderPublisher publisher, Staging staging,
            RetryPolicy retryPolicy, LoaderMetrics metrics) {
        return new CommandProcessor(specLoader, publisher, staging, retryPolicy, metrics);
    }

    /** One per instance: loads and compensations run on the pool's workers side by side. */
    @Produces
    @Singleton
    WriteLocks writeLocks() {
        return new WriteLocks();
    }

    /** A fresh job per request: its figures are then that request's. */
    @Produces
    @Singleton
    LoadCommand loadCommand(Staging staging, LoaderSettings settings, WriteLocks locks, LoaderMetrics metrics,
            LoaderPublisher publisher, Clock clock) {
        return new LoadCommand(() -> new LoadJob(staging, settings), locks, metrics, publisher, clock);
    }

    @Produces
    @Singleton
    CompensateCommand compensateCommand(LoaderSettings settings, WriteLocks locks, LoaderMetrics metrics) {
        return new CompensateCommand(() -> new CompensationJob(settings), locks, metrics);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The work folder, absolute: a relative setting would move with the working directory. */
    public static Path workDir(LoaderConfig config) {
        return config.workDir().toAbsolutePath().normalize();
    }
}
