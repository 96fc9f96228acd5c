package io.ferry.extractor.preflight;

import io.ferry.service.DictionaryKey;
import io.ferry.anonymize.classify.ReservedRanges;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * <tr><td>{@code ferry.extractor.preflight.id-prefix}</td><td>default {@code FERRY-}</td></tr>
 * <tr><td>{@code ferry.extractor.preflight.statement-timeout}</td><td>ISO-8601 duration, default {@code PT0S} (the server's)</td></tr>
 * </table>
 */
@ApplicationScoped
public class PreflightSettingsProducer {

    static final String KEY_PROPERTY = "ferry.extractor.dictionary-key";
    private static final Logger LOG = Logger.getLogger(PreflightSettingsProducer.class);

    @ConfigProperty(name = KEY_PROPERTY)
    Optional<String> dictionaryKey;

    @ConfigProperty(name = "ferry.extractor.preflight.enforce", defaultValue = "true")
    boolean enforce;

    @ConfigProperty(name = "ferry.extractor.preflight.sample-size", defaultValue = "200")
    int sampleSize;

    @ConfigProperty(name = "ferry.extractor.preflight.reserved-email-domains")
    Optional<List<String>> reservedEmailDomains;

    @ConfigProperty(name = "ferry.extractor.preflight.id-prefix", defaultValue = ReservedRanges.DEFAULT_ID_PREFIX)
    String idPrefix;

    @ConfigProperty(name = "ferry.extractor.preflight.statement-timeout", defaultValue = "PT0S")
    Duration statementTimeout;

    @Produces
    @Singleton
    PreflightSettings settings() {
        return new PreflightSettings(sampleSize, enforce, key(dictionaryKey, LaunchMode.current()),
                reservedEmailDomains.orElse(List.of()), idPrefix, PreflightSettings.DEFAULT_SPILL_THRESHOLD,
                statementTimeout);
    }

    /** The configured key; in dev and test mode the built-in one when none is set; in production an error. */
    static byte[] key(Optional<String> configured, LaunchMode mode) {
        if ((configured.isEmpty() || configured.get().isBlank()) && mode.isDevOrTest()) {
            LOG.warn(KEY_PROPERTY + " is not set: using the built-in development dictionary key, which is not for production");
        }
        return DictionaryKey.resolve(KEY_PROPERTY, configured, mode.isDevOrTest());
    }
}
