package io.ferry.batches;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * An AES key (16, 24 or 32 bytes) that encrypts and decrypts batch files, with its version: raw
 * batches are encrypted with the raw-file key, and the version, written in the clear into the file's
 * crypto metadata, tells a reader which key it needs. The key bytes never appear in {@link
 * #toString()} or in any error message; {@link #key()} returns a copy.
 *
 * @param version the key's version, 1 or more
 * @param key     the AES key bytes
 */
public record FileKey(int version, byte[] key) {

    public FileKey {
        if (version < 1) {
            throw new IllegalArgumentException("a key version is at least 1, got " + version);
        }
        if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
            throw new IllegalArgumentException("a batch file key (version " + version + ") must be 16, 24 or 32 bytes"
                    + " (AES-128, -192 or -256), not " + (key == null ? "missing" : key.length + " bytes"));
        }
        boolean allZero = true;
        for (byte b : key) {
            allZero &= b == 0;
        }
        if (allZero) {
            throw new IllegalArgumentException("a batch file key (version " + version + ") is all zero bytes");
        }
        key = key.clone();
    }

    /** Decodes standard base64 (surrounding white space ignored). */
    public static FileKey fromBase64(int version, String text) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes a character of the key: not passed on
            throw new IllegalArgumentException("a batch file key (version " + version + ") is not valid base64");
        }
        return new FileKey(version, key);
    }

    /** Reads a file holding the key as base64 text (surrounding white space, a final newline, ignored). */
    public static FileKey fromFile(int version, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("key file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("key file " + file + " is empty");
        }
        try {
            return fromBase64(version, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileKey that && version == that.version && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return 31 * version + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "FileKey[version=" + version + ", AES-" + key.length * 8 + "]";
    }
}
