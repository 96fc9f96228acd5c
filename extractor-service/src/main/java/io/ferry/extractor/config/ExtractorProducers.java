package io.ferry.extractor.config;

import io.ferry.extractor.catalog.Catalog;
import io.ferry.extractor.catalog.ProdCatalog;
import io.ferry.extractor.extraction.ExtractionSettings;
import io.ferry.extractor.extraction.PlannedRuns;
import io.ferry.extractor.extraction.SnapshotStoreExtractor;
import io.ferry.extractor.messaging.KafkaPublisher;
import io.ferry.extractor.metrics.ExtractorMetrics;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.service.RawKeySource;
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
import java.time.Duration;
import java.time.Clock;
import java.util.Set;

/** Turns {@link ExtractorConfig} into the plain objects the rest of the service is built from. */
@Dependent
public class ExtractorProducers {

    /** The staging {@code staging.kind} names: the folder {@code staging.root} (the default) or an S3 bucket. */
    @Produces
    @Singleton
    Staging staging(ExtractorConfig config) {
        return StagingStores.open(config.staging(), config.staging().root());
    }

    void closeStaging(@Disposes Staging staging) {
        staging.close();
    }

    /** Staged specs, parsed for PROD only: this service holds no CERT credentials. */
    @Produces
    @Singleton
    SpecLoader specLoader(Staging staging, ExtractorConfig config) {
        SpecResolution resolution = new SpecResolution(System.getenv(), ExtractorConfig.SPEC_PROPERTIES_FILE,
                config.spec().propertiesFile(),
                config.spec().secretsDir().orElse(config.staging().root().resolve(StagingLayout.SPECS)));
        return new StagedSpecLoader(staging, resolution, Set.of(SpecParser.Environment.PROD));
    }

    @Produces
    @Singleton
    ExtractionSettings extractionSettings(ExtractorConfig config) {
        return settings(config);
    }

    /** Each run's plan and PROD snapshots, from its preflight until the run's stores are extracted. */
    @Produces
    @Singleton
    PlannedRuns plannedRuns(ExtractionSettings settings) {
        return PlannedRuns.of(settings);
    }

    /** Closes the PROD snapshots of runs still in progress (the service stops), after up to 30 s of grace. */
    void closePlannedRuns(@Disposes PlannedRuns runs) {
        runs.closeAll(Duration.ofSeconds(30));
    }

    @Produces
    @Singleton
    SnapshotStoreExtractor storeExtractor(Staging staging, ExtractionSettings settings, PlannedRuns runs) {
        return new SnapshotStoreExtractor(staging, settings, settings.rawKey()::fileKey,
                Path.of(System.getProperty("java.io.tmpdir"), "ferry-extractor"), runs);
    }

    @Produces
    @Singleton
    Catalog catalog(ExtractionSettings settings, Clock clock) {
        return new ProdCatalog(new ProdSnapshot.SessionSettings("ferry-extractor", settings.statementTimeout()), clock,
                settings.maxConnectionsPerStore() > 1);
    }

    @Produces
    @Singleton
    RetryPolicy retryPolicy(ExtractorConfig config) {
        return new RetryPolicy(ExtractorConfig.RETRY, config.retry().attempts(), config.retry().backoff());
    }

    /** Handles every request record: the extractor's publisher, specs, retries and meters. */
    @Produces
    @Singleton
    CommandProcessor commandProcessor(SpecLoader specLoader, KafkaPublisher publisher, Staging staging,
            RetryPolicy retryPolicy, ExtractorMetrics metrics) {
        return new CommandProcessor(specLoader, publisher, staging, retryPolicy, metrics);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    static ExtractionSettings settings(ExtractorConfig config) {
        ExtractorConfig.ProdGroup prod = config.prod();
        ExtractorConfig.BatchGroup batch = config.batch();
        var rawKey = config.rawKey();
        return new ExtractionSettings(config.staging().root().toAbsolutePath().normalize(),
                prod.maxConnectionsPerStore(), prod.statementTimeout(), prod.maxSnapshotAge(),
                batch.maxRows(), batch.maxBytes().asLongValue(), batch.rowGroupBytes().asLongValue(),
                batch.maxOpenWriters(),
                new RawKeySource(ExtractorConfig.RAW_KEY, rawKey.file(), rawKey.value(), rawKey.version()));
    }
}
