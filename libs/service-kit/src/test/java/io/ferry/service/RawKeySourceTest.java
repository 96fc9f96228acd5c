package io.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawKeySourceTest {

    private static final String SETTING = "ferry.extractor.raw-key";
    private static final String KEY = Base64.getEncoder().encodeToString("a raw-file key of 32 bytes, test".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path folder;

    @Test
    void theRawKeyComesFromExactlyOneOfFileAndValue() throws Exception {
        Path file = Files.writeString(folder.resolve("raw.key"), KEY + "\n");

        assertThat(source(Optional.of(file), Optional.empty()).load()).hasSize(32);
        assertThat(source(Optional.empty(), Optional.of(KEY)).fileKey().version()).isEqualTo(1);
        assertThatThrownBy(() -> source(Optional.empty(), Optional.empty()).load())
                .isInstanceOfSatisfying(StepFailure.class, e -> {
                    assertThat(e.failure().code()).isEqualTo("RAW_KEY_UNAVAILABLE");
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("neither is");
                });
        assertThatThrownBy(() -> source(Optional.of(file), Optional.of(KEY)).load())
                .hasMessageContaining("both are");
    }

    @Test
    void errorsNameTheServicesOwnSettings() {
        assertThatThrownBy(() -> new RawKeySource("ferry.anonymizer.raw-key", Optional.empty(), Optional.empty(), 1)
                .load()).hasMessageContaining("ferry.anonymizer.raw-key.file and ferry.anonymizer.raw-key.value");
        assertThatThrownBy(() -> new RawKeySource(SETTING, Optional.empty(), Optional.empty(), -1))
                .hasMessageContaining(SETTING + ".version");
    }

    @Test
    void aKeyThatIsNotBase64OfAnAesKeyIsRefusedWithoutShowingIt() {
        String tooShort = Base64.getEncoder().encodeToString(new byte[7]);

        assertThatThrownBy(() -> source(Optional.empty(), Optional.of("%%%secret")).load())
                .hasMessageContaining("not base64").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> source(Optional.empty(), Optional.of(tooShort)).load())
                .hasMessageContaining("not 7 bytes");
        assertThat(source(Optional.empty(), Optional.of(KEY)).toString()).doesNotContain(KEY);
    }

    private static RawKeySource source(Optional<Path> file, Optional<String> value) {
        return new RawKeySource(SETTING, file, value, 1);
    }
}
