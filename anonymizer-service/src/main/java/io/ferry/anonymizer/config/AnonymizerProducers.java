package io.ferry.anonymizer.config;

import io.ferry.anonymize.strategy.Anonymizer;
import io.ferry.anonymizer.leak.Honeytokens;
import io.ferry.anonymizer.messaging.AnonymizerPublisher;
import io.ferry.anonymizer.messaging.BatchHandler;
import io.ferry.anonymizer.messaging.LeakCheckCommand;
import io.ferry.anonymizer.metrics.AnonymizerMetrics;
import io.ferry.anonymizer.work.BatchJob;
import io.ferry.anonymizer.work.TransformPool;
import io.ferry.anonymizer.work.LeakCheckJob;
import io.ferry.anonymizer.work.RunToolsSource;
import io.ferry.service.DictionaryKey;
import io.ferry.service.RawKeySource;
import io.ferry.service.messaging.CommandProcessor;
import io.ferry.service.messaging.RetryPolicy;
import io.ferry.service.spec.SpecLoader;
import io.ferry.service.spec.SpecResolution;
import io.ferry.service.spec.StagedSpecLoader;
import io.ferry.service.staging.StagingStores;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.jboss.logging.Logger;

/** Turns {@link AnonymizerConfig} into the plain objects the rest of the service is built from. */
@Dependent
public class AnonymizerProducers {

    private static final Logger LOG = Logger.getLogger(AnonymizerProducers.class);

    /** Where batches, dictionaries and hash sets are copied while they are worked on; emptied at start. */
    public static final Path TEMP_DIR = Path.of(System.getProperty("java.io.tmpdir"), "ferry-anonymizer");

    /** The staging {@code staging.kind} names: the folder {@code staging.root} (the default) or an S3 bucket. */
    @Produces
    @Singleton
    Staging staging(AnonymizerConfig config) {
        return StagingStores.open(config.staging(), config.staging().root());
    }

    void closeStaging(@Disposes Staging staging) {
        staging.close();
    }

    /** Staged specs, parsed without resolving any connection: this service holds no database credentials. */
    @Produces
    @Singleton
    SpecLoader specLoader(Staging staging, AnonymizerConfig config) {
        return new StagedSpecLoader(staging, new SpecResolution(System.getenv(), AnonymizerConfig.SPEC_PROPERTIES_FILE,
                config.spec().propertiesFile(), secretsFolder(config)), Set.of());
    }

    @Produces
    @Singleton
    RunToolsSource runTools(Staging staging, AnonymizerConfig config) {
        boolean devOrTest = LaunchMode.current().isDevOrTest();
        if (devOrTest && config.dictionaryKey().filter(k -> !k.isBlank()).isEmpty()) {
            LOG.warn(AnonymizerConfig.DICTIONARY_KEY + " is not set: using the built-in development dictionary key, "
                    + "which is not for production");
        }
        byte[] dictionaryKey = DictionaryKey.resolve(AnonymizerConfig.DICTIONARY_KEY, config.dictionaryKey(), devOrTest);
        AnonymizerConfig.OutputGroup out = config.output();
        return new RunToolsSource(staging, secretsFolder(config), dictionaryKey,
                new Anonymizer.Options(out.emailDomain(), out.idPrefix(), out.cacheSize()), TEMP_DIR);
    }

    @Produces
    @Singleton
    TransformPool transformPool(AnonymizerConfig config) {
        return new TransformPool(config.transformThreads());
    }

    void closeTransformPool(@Disposes TransformPool pool) {
        pool.close();
    }

    @Produces
    @Singleton
    BatchJob batchJob(Staging staging, AnonymizerConfig config, TransformPool transformers) {
        var raw = config.rawKey();
        RawKeySource key = new RawKeySource(AnonymizerConfig.RAW_KEY, raw.file(), raw.value(), raw.version());
        return new BatchJob(staging, key::fileKey, TEMP_DIR, config.output().rowGroupBytes().asLongValue(),
                transformers);
    }

    @Produces
    @Singleton
    LeakCheckJob leakCheckJob(Staging staging, AnonymizerConfig config) {
        Honeytokens honeytokens = Honeytokens.none();
        if (config.leak().honeytokensFile().isPresent()) {
            try {
                honeytokens = Honeytokens.read(config.leak().honeytokensFile().get());
            } catch (IOException e) {
                throw new IllegalStateException("ferry.anonymizer.leak.honeytokens-file: " + e.getMessage());
            }
        }
        return new LeakCheckJob(staging, TEMP_DIR, config.leak().threads(), honeytokens);
    }

    @Produces
    @Singleton
    RetryPolicy retryPolicy(AnonymizerConfig config) {
        return new RetryPolicy(AnonymizerConfig.RETRY, config.retry().attempts(), config.retry().backoff());
    }

    @Produces
    @Singleton
    CommandProcessor commandProcessor(SpecLoader specLoader, AnonymizerPublisher publisher, Staging staging,
            RetryPolicy retryPolicy, AnonymizerMetrics metrics) {
        return new CommandProcessor(specLoader, publisher, staging, retryPolicy, metrics);
    }

    @Produces
    @Singleton
    BatchHandler batchHandler(SpecLoader specs, RunToolsSource tools, BatchJob job, RetryPolicy retryPolicy,
            AnonymizerPublisher publisher, AnonymizerMetrics metrics, Clock clock) {
        return new BatchHandler(specs, tools, job, retryPolicy, publisher, metrics, clock);
    }

    @Produces
    @Singleton
    LeakCheckCommand leakCheckCommand(LeakCheckJob job, RunToolsSource tools, AnonymizerMetrics metrics) {
        return new LeakCheckCommand(job, tools, metrics);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    static Path secretsFolder(AnonymizerConfig config) {
        return config.spec().secretsDir().orElse(config.staging().root().resolve(StagingLayout.SPECS));
    }
}
