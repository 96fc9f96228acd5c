package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionSettingsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path folder;

    @Test
    void theRawKeyComesFromExactlyOneOfFileAndValue() throws Exception {
        Path file = Files.writeString(folder.resolve("raw.key"), KEY + "\n");

        assertThat(new ExtractionSettings.RawKeySource(Optional.of(file), Optional.empty(), 1).load()).hasSize(32);
        assertThat(new ExtractionSettings.RawKeySource(Optional.empty(), Optional.of(KEY), 1).load()).hasSize(32);
        assertThatThrownBy(() -> new ExtractionSettings.RawKeySource(Optional.empty(), Optional.empty(), 1).load())
                .isInstanceOfSatisfying(ExtractionFailure.class, e -> {
                    assertThat(e.failure().code()).isEqualTo("RAW_KEY_UNAVAILABLE");
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("neither is");
                });
        assertThatThrownBy(() -> new ExtractionSettings.RawKeySource(Optional.of(file), Optional.of(KEY), 1).load())
                .hasMessageContaining("both are");
    }

    @Test
    void aKeyThatIsNotBase64OfAnAesKeyIsRefusedWithoutShowingIt() {
        String tooShort = Base64.getEncoder().encodeToString(new byte[7]);

        assertThatThrownBy(() -> new ExtractionSettings.RawKeySource(Optional.empty(), Optional.of("%%%secret"), 1).load())
                .hasMessageContaining("not base64").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new ExtractionSettings.RawKeySource(Optional.empty(), Optional.of(tooShort), 1).load())
                .hasMessageContaining("not 7 bytes");
        assertThat(new ExtractionSettings.RawKeySource(Optional.empty(), Optional.of(KEY), 1).toString())
                .doesNotContain(KEY);
    }

    @Test
    void refusesLimitsThatCannotWork() {
        ExtractionSettings.RawKeySource key = new ExtractionSettings.RawKeySource(Optional.empty(), Optional.empty(), 1);

        assertThatThrownBy(() -> new ExtractionSettings(folder, 0, Duration.ofMinutes(15), Duration.ofHours(2), 250_000,
                64L << 20, 32L << 20, 4, key)).hasMessageContaining("max-connections-per-store");
        assertThatThrownBy(() -> new ExtractionSettings(folder, 4, Duration.ofMinutes(15), Duration.ofHours(2), 250_000,
                16L << 20, 32L << 20, 4, key)).hasMessageContaining("row-group-bytes");
    }
}
