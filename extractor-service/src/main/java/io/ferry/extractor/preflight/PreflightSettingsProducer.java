package io.ferry.extractor.preflight;

import io.ferry.extractor.config.ExtractorConfig;
import io.ferry.service.DictionaryKey;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@link PreflightSettings} from configuration. The preflight enforces by default: a field that looks
 * personal and has no anonymization rule fails the run ({@code ferry classify} prints the rules to add);
 * {@code enforce=false} only logs such fields.
 *
 * <table>
 * <caption>configuration</caption>
 * <tr><td>{@code ferry.extractor.dictionary-key}</td><td>base64, at least 16 bytes (32 recommended); required in
 * production; dev and test mode fall back to a built-in key that is NOT for production</td></tr>
 * <tr><td>{@code ferry.extractor.preflight.enforce}</td><td>default {@code true}</td></tr>
 * <tr><td>{@code ferry.extractor.preflight.sample-size}</td><td>default 200</td></tr>
 * <tr><td>{@code ferry.extractor.preflight.reserved-email-domains}</td><td>comma-separated, besides example.org</td></tr>
 * <tr><td>{@code ferry.extractor.preflight.id-prefix}</td><td>default {@code F-}</td></tr>
 * </table>
 */
@ApplicationScoped
public class PreflightSettingsProducer {

    static final String KEY_PROPERTY = "ferry.extractor.dictionary-key";
    private static final Logger LOG = Logger.getLogger(PreflightSettingsProducer.class);

    private final ExtractorConfig config;

    public PreflightSettingsProducer(ExtractorConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    PreflightSettings settings() {
        ExtractorConfig.PreflightGroup p = config.preflight();
        return new PreflightSettings(p.sampleSize(), p.enforce(), key(config.dictionaryKey(), LaunchMode.current()),
                p.reservedEmailDomains().orElse(List.of()), p.idPrefix());
    }

    /** The configured key; in dev and test mode the built-in one when none is set; in production an error. */
    static byte[] key(Optional<String> configured, LaunchMode mode) {
        if ((configured.isEmpty() || configured.get().isBlank()) && mode.isDevOrTest()) {
            LOG.warn(KEY_PROPERTY + " is not set: using the built-in development dictionary key, which is not for production");
        }
        return DictionaryKey.resolve(KEY_PROPERTY, configured, mode.isDevOrTest());
    }
}
