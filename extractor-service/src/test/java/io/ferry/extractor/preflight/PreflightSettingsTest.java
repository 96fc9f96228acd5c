package io.ferry.extractor.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.LaunchMode;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import io.ferry.extractor.config.ExtractorConfig;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

/** The settings' defaults and the dictionary key's configuration. */
class PreflightSettingsTest {

    @Test
    void defaultsEnforceAndSampleTwoHundredValues() {
        PreflightSettings s = PreflightSettings.defaults(new byte[32]);
        assertThat(s.enforce()).isTrue();
        assertThat(s.sampleSize()).isEqualTo(200);
        assertThat(s.idPrefix()).isEqualTo("F-");
        assertThat(s.reservedRanges().emailDomains()).containsExactly("example.org");
        assertThat(s.withEnforce(false).enforce()).isFalse();
        assertThat(s.toString()).contains("dictionaryKey=***");
        assertThatThrownBy(() -> PreflightSettings.defaults(new byte[4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withSampleSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theServiceEnforcesUnlessConfiguredNotTo() throws Exception {
        // ferry.extractor.preflight.enforce, mapped (so that setting it passes configuration validation), default true
        WithDefault enforce = ExtractorConfig.PreflightGroup.class.getMethod("enforce").getAnnotation(WithDefault.class);
        assertThat(enforce.value()).isEqualTo("true");
        assertThat(ExtractorConfig.class.getAnnotation(io.smallrye.config.ConfigMapping.class).prefix())
                .isEqualTo("ferry.extractor");
    }

    @Test
    void theDictionaryKeyIsBase64AndRequiredInProduction() {
        byte[] key = new byte[32];
        key[0] = 7;
        String b64 = Base64.getEncoder().encodeToString(key);
        assertThat(PreflightSettingsProducer.key(Optional.of(b64), LaunchMode.NORMAL)).isEqualTo(key);
        assertThatThrownBy(() -> PreflightSettingsProducer.key(Optional.empty(), LaunchMode.NORMAL))
                .hasMessageContaining("ferry.extractor.dictionary-key is not set");
        assertThatThrownBy(() -> PreflightSettingsProducer.key(Optional.of("***"), LaunchMode.NORMAL))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("***");
        assertThatThrownBy(() -> PreflightSettingsProducer.key(Optional.of("AAAA"), LaunchMode.NORMAL))
                .hasMessageContaining("decodes to 3 bytes");
        byte[] dev = PreflightSettingsProducer.key(Optional.empty(), LaunchMode.TEST);
        assertThat(dev).hasSizeGreaterThanOrEqualTo(16)
                .isEqualTo(io.ferry.service.DictionaryKey.resolve("any", Optional.empty(), true));
    }
}
