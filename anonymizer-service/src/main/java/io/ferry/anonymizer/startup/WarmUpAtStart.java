package io.ferry.anonymizer.startup;

import io.ferry.anonymize.strategy.Anonymizer;
import io.ferry.anonymizer.config.AnonymizerConfig;
import io.ferry.anonymizer.config.AnonymizerProducers;
import io.ferry.anonymizer.work.TransformPool;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the {@link WarmUp} on a thread of its own once the service is up (after {@link SweepAtStart} cleared the
 * temp folder it works in), with one batch per worker thread. Readiness stays down until it is over
 * ({@code io.ferry.anonymizer.health.WarmUpReadiness}); batches that arrive meanwhile are worked on as usual. A
 * failed warm-up is logged and otherwise ignored: it only makes the first run slower.
 */
@ApplicationScoped
public class WarmUpAtStart {

    private static final Logger LOG = Logger.getLogger(WarmUpAtStart.class);

    private final AnonymizerConfig config;
    private final TransformPool transformers;
    private final int workers;
    private volatile boolean over;
    private volatile WarmUp.Result result;

    public WarmUpAtStart(AnonymizerConfig config, TransformPool transformers,
            @ConfigProperty(name = "smallrye.messaging.worker.ferry-anonymizer-work.max-concurrency",
                    defaultValue = "2") int workers) {
        this.config = config;
        this.transformers = transformers;
        this.workers = workers;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        int rows = config.warmUp().rows();
        if (rows <= 0) {
            over = true;
            return;
        }
        AnonymizerConfig.OutputGroup out = config.output();
        WarmUp warmUp = new WarmUp(AnonymizerProducers.TEMP_DIR.resolve("warm-up"),
                new Anonymizer.Options(out.emailDomain(), out.idPrefix(), out.cacheSize()), transformers);
        Thread.ofPlatform().name("ferry-anonymizer-warm-up").daemon().start(() -> {
            try {
                WarmUp.Result r = warmUp.run(rows, workers, config.warmUp().rounds());
                result = r;
                if (r.findings() > 0) {
                    LOG.warnf("warm-up: the leak check found %d finding(s) in made-up people's anonymized rows: the"
                            + " anonymizer is broken, report it", r.findings());
                }
                LOG.infof("warm-up on made-up people: %,d rows, %,d fields changed, %,d free-text replacements, leak"
                        + " check of %,d tokens, in %.1f s", r.rows(), r.fieldsChanged(), r.scrubbed(),
                        r.tokensChecked(), r.seconds());
            } catch (Exception | LinkageError e) {
                LOG.warnf("warm-up failed (%s: %s); the first run's batches will be slower", e.getClass()
                        .getSimpleName(), e.getMessage());
            } finally {
                over = true;
            }
        });
    }

    /** Whether the warm-up is over (done, failed or skipped). */
    public boolean over() {
        return over;
    }

    /** The warm-up's figures, once it succeeded. */
    public Optional<WarmUp.Result> result() {
        return Optional.ofNullable(result);
    }
}
