package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyTest {

    @TempDir
    Path dir;

    private static final byte[] KEY = TestKeys.key(1).key();
    private static final String BASE64 = Base64.getEncoder().encodeToString(KEY);

    @Test
    void readsBase64AndAFileHoldingIt() throws IOException {
        assertThat(FileKey.fromBase64(2, "  " + BASE64 + "\n").key()).isEqualTo(KEY);
        Path file = Files.writeString(dir.resolve("raw.key"), BASE64 + "\n");
        FileKey key = FileKey.fromFile(2, file);
        assertThat(key).isEqualTo(new FileKey(2, KEY));
        assertThat(key.version()).isEqualTo(2);
    }

    @Test
    void acceptsAes128192And256() {
        for (int length : new int[] {16, 24, 32}) {
            byte[] bytes = new byte[length];
            bytes[0] = 1;
            assertThat(new FileKey(1, bytes).key()).hasSize(length);
        }
    }

    @Test
    void neverShowsTheKey() {
        FileKey key = new FileKey(5, KEY);
        assertThat(key.toString()).isEqualTo("FileKey[version=5, AES-256]").doesNotContain(BASE64);
        byte[] copy = key.key();
        copy[0] ^= 1;
        assertThat(key.key()).isEqualTo(KEY);
    }

    @Test
    void badKeysSayWhatIsWrongWithoutQuotingThem() throws IOException {
        assertThatThrownBy(() -> FileKey.fromBase64(1, "not*base64!" + BASE64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batch file key (version 1) is not valid base64")
                .hasNoCause();
        assertThatThrownBy(() -> FileKey.fromBase64(1, BASE64.substring(0, 20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batch file key (version 1) must be 16, 24 or 32 bytes (AES-128, -192 or -256), not 15 bytes");
        assertThatThrownBy(() -> new FileKey(0, KEY)).hasMessage("a key version is at least 1, got 0");
        assertThatThrownBy(() -> new FileKey(1, new byte[16])).hasMessage("a batch file key (version 1) is all zero bytes");

        Path empty = Files.writeString(dir.resolve("empty.key"), "\n");
        assertThatThrownBy(() -> FileKey.fromFile(1, empty)).hasMessage("key file " + empty + " is empty");
        Path wrong = Files.writeString(dir.resolve("wrong.key"), "AAAA" + BASE64);
        assertThatThrownBy(() -> FileKey.fromFile(1, wrong))
                .hasMessage("key file " + wrong + ": a batch file key (version 1) must be 16, 24 or 32 bytes"
                        + " (AES-128, -192 or -256), not 35 bytes");
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(() -> FileKey.fromFile(1, missing))
                .hasMessage("key file " + missing + " cannot be read: NoSuchFileException");
    }
}
