package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.service.RawKeySource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionSettingsTest {

    @TempDir
    Path folder;

    @Test
    void refusesLimitsThatCannotWork() {
        RawKeySource key = new RawKeySource("ferry.extractor.raw-key", Optional.empty(), Optional.empty(), 1);

        assertThatThrownBy(() -> new ExtractionSettings(folder, 0, Duration.ofMinutes(15), Duration.ofHours(2), 250_000,
                64L << 20, 32L << 20, 4, key)).hasMessageContaining("max-connections-per-store");
        assertThatThrownBy(() -> new ExtractionSettings(folder, 4, Duration.ofMinutes(15), Duration.ofHours(2), 250_000,
                16L << 20, 32L << 20, 4, key)).hasMessageContaining("row-group-bytes");
    }
}
