package io.ferry.extractor.startup;

import io.ferry.extractor.config.ExtractorConfig;
import io.ferry.extractor.extraction.ExtractionSettings;
import io.ferry.extractor.extraction.ExtractionWarmUp;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.file.Files;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Starts the {@link ExtractionWarmUp} on a thread of its own once the service is up. Readiness stays down until it
 * is over ({@code io.ferry.extractor.health.WarmUpReadiness}); requests that arrive meanwhile are served as usual.
 * A failed warm-up is logged and otherwise ignored: it only makes the first run slower.
 */
@ApplicationScoped
public class WarmUpAtStart {

    private static final Logger LOG = Logger.getLogger(WarmUpAtStart.class);

    private final ExtractorConfig config;
    private final ExtractionSettings settings;
    private volatile boolean over;
    private volatile ExtractionWarmUp.Result result;

    public WarmUpAtStart(ExtractorConfig config, ExtractionSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        int rows = config.warmUp().rows();
        if (rows <= 0) {
            over = true;
            return;
        }
        Thread.ofPlatform().name("ferry-extractor-warm-up").daemon().start(() -> {
            try {
                // a folder of its own in the shared temp folder, which also holds runs' files
                ExtractionWarmUp warmUp = new ExtractionWarmUp(Files.createTempDirectory("ferry-extractor-warm-up-"),
                        settings);
                ExtractionWarmUp.Result r = warmUp.run(rows, config.warmUp().rounds());
                result = r;
                LOG.infof("warm-up on made-up people: %,d rows into %,d batches, %,d keys, %d field(s) classified"
                        + " (%d personal), %,d dictionary tokens, in %.1f s", r.rows(), r.batches(), r.keys(),
                        r.fieldsClassified(), r.personal(), r.tokens(), r.seconds());
            } catch (Exception | LinkageError e) {
                LOG.warnf("warm-up failed (%s: %s); the first run will be slower", e.getClass().getSimpleName(),
                        e.getMessage());
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
    public Optional<ExtractionWarmUp.Result> result() {
        return Optional.ofNullable(result);
    }
}
