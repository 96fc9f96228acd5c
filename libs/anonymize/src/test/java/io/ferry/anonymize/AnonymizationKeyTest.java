package io.ferry.anonymize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ferry.spec.model.Anonymize;

class AnonymizationKeyTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String BASE64 = Base64.getEncoder().encodeToString(SECRET);

    @Test
    void readsBase64FromAFileWithALineBreak(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ferry-key");
        Files.writeString(file, BASE64.substring(0, 20) + "\n" + BASE64.substring(20) + "\n");

        AnonymizationKey key = AnonymizationKey.fromFile(3, file);

        assertThat(key.version()).isEqualTo(3);
        assertThat(key.secret()).isEqualTo(SECRET);
        assertThat(key).isEqualTo(new AnonymizationKey(3, SECRET)).isNotEqualTo(new AnonymizationKey(4, SECRET));
    }

    @Test
    void readsTheKeyTheSpecNamesRelativeToTheSpecsFolder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/ferry-key"), BASE64);

        AnonymizationKey key = AnonymizationKey.fromSpec(dir, new Anonymize.AnonymizeKey("secrets/ferry-key", 2));

        assertThat(key).isEqualTo(new AnonymizationKey(2, SECRET));
        assertThatThrownBy(() -> AnonymizationKey.fromSpec(dir, null))
                .hasMessageStartingWith("the spec names no anonymization key; add anonymize.key:");
    }

    @Test
    void acceptsTheUrlSafeAlphabet() {
        byte[] secret = new byte[48];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (0xF0 + i % 16); // gives '-' and '_' in URL-safe base64
        }
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        assertThat(text).containsAnyOf("-", "_");

        assertThat(AnonymizationKey.fromBase64(1, text).secret()).isEqualTo(secret);
    }

    @Test
    void refusesShortSecretsAndBadVersions() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[31]);

        assertThatThrownBy(() -> AnonymizationKey.fromBase64(1, shortKey))
                .hasMessage("the anonymization key must hold at least 32 bytes, it holds 31");
        assertThatThrownBy(() -> new AnonymizationKey(0, SECRET)).hasMessageContaining("version must be at least 1");
        assertThatThrownBy(() -> new AnonymizationKey(1, null)).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void errorsNeverQuoteTheKeyText(@TempDir Path dir) throws Exception {
        String secretLooking = "s3cr3t!s3cr3t!s3cr3t!s3cr3t!s3cr3t!s3cr3t!s3cr3t!";
        Path file = dir.resolve("bad-key");
        Files.writeString(file, secretLooking);

        assertThatThrownBy(() -> AnonymizationKey.fromFile(1, file))
                .hasMessage("anonymization key file " + file + ": the anonymization key is not valid base64 text")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> AnonymizationKey.fromFile(1, dir.resolve("missing")))
                .hasMessageStartingWith("cannot read the anonymization key file");
    }

    @Test
    void toStringHidesTheSecret() {
        AnonymizationKey key = AnonymizationKey.fromBase64(2, BASE64);

        assertThat(key.toString()).isEqualTo("AnonymizationKey[version=2, secret=(hidden, 32 bytes)]")
                .doesNotContain(BASE64).doesNotContain("0123456789abcdef");
        assertThat(key.hashCode()).isEqualTo(2);
    }

    @Test
    void derivedKeysDependOnPurposeSecretAndVersion() {
        AnonymizationKey v1 = new AnonymizationKey(1, SECRET);
        AnonymizationKey v2 = new AnonymizationKey(2, SECRET);

        assertThat(v1.derive("seed")).hasSize(32).isEqualTo(new AnonymizationKey(1, SECRET).derive("seed"))
                .isNotEqualTo(v1.derive("hash")).isNotEqualTo(v2.derive("seed"));
        assertThat(v1.fingerprint()).hasSize(16).isNotEqualTo(v2.fingerprint());
    }

    @Test
    void theSecretCannotBeChangedFromOutside() {
        byte[] secret = SECRET.clone();
        AnonymizationKey key = new AnonymizationKey(1, secret);
        secret[0] ^= 1;
        key.secret()[1] ^= 1;

        assertThat(key.secret()).isEqualTo(SECRET);
    }
}
