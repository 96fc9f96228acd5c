package io.ferry.anonymize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.ferry.spec.model.Anonymize;

/**
 * The secret that makes anonymization deterministic, with its version. Every fake value depends on both: the same
 * key and version give the same fake values in every run; a new version (a new secret, or the same secret under a
 * new version) gives new fake values everywhere.
 *
 * <p>The secret is read from a file or a value holding its base64 text (at least {@value #MIN_BYTES} bytes once
 * decoded), never from the spec: the spec only names the file ({@code anonymize.key.file}) and the version.
 * {@link #toString()} never shows the secret, and no error message carries its text.
 */
public final class AnonymizationKey {

    /** The shortest secret accepted, in bytes. */
    public static final int MIN_BYTES = 32;

    private final int version;
    private final byte[] secret;

    /**
     * @param version the key version, at least 1
     * @param secret  the secret bytes, at least {@value #MIN_BYTES}; copied
     */
    public AnonymizationKey(int version, byte[] secret) {
        if (version < 1) {
            throw new IllegalArgumentException("the anonymization key version must be at least 1, not " + version);
        }
        if (secret == null || secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the anonymization key must hold at least " + MIN_BYTES
                    + " bytes, it holds " + (secret == null ? 0 : secret.length));
        }
        this.version = version;
        this.secret = secret.clone();
    }

    /** A key from base64 text (standard or URL-safe alphabet; whitespace and line breaks are ignored). */
    public static AnonymizationKey fromBase64(int version, String base64) {
        if (base64 == null) {
            throw new IllegalArgumentException("the anonymization key text is missing");
        }
        String compact = base64.replaceAll("\\s+", "");
        byte[] bytes;
        try {
            bytes = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(compact)
                    : Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            // the decoder's message may quote a character of the secret: do not pass it on
            throw new IllegalArgumentException("the anonymization key is not valid base64 text");
        }
        return new AnonymizationKey(version, bytes);
    }

    /** A key from a file holding its base64 text, such as the spec's {@code anonymize.key.file}. */
    public static AnonymizationKey fromFile(int version, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the anonymization key file " + file + ": "
                    + e.getClass().getSimpleName(), e);
        }
        try {
            return fromBase64(version, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("anonymization key file " + file + ": " + e.getMessage());
        }
    }

    /**
     * The key a spec names ({@code anonymize.key: {file, version}}): the file resolved against the spec's folder.
     */
    public static AnonymizationKey fromSpec(Path specFolder, Anonymize.AnonymizeKey key) {
        if (key == null || key.file() == null || key.file().isBlank()) {
            throw new IllegalArgumentException("the spec names no anonymization key; add anonymize.key: "
                    + "{file: secrets/ferry-key, version: 1} (the file holds the secret as base64 text)");
        }
        return fromFile(key.version(), specFolder.resolve(key.file()));
    }

    public int version() {
        return version;
    }

    /** A copy of the secret bytes. */
    public byte[] secret() {
        return secret.clone();
    }

    /**
     * A 32-byte key for one purpose, derived from the secret and the version:
     * {@code HMAC-SHA256(secret, "ferry-anonymize/" + purpose + "/" + version)}. Each strategy uses its own purpose,
     * so no two strategies share key material.
     */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("ferry-anonymize/" + purpose + "/" + version).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * A short public name for this key and version (16 hex digits of a keyed hash), safe for logs and reports: it
     * tells two keys apart without revealing either.
     */
    public String fingerprint() {
        return HexFormat.of().formatHex(derive("fingerprint"), 0, 8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnonymizationKey other && other.version == version
                && MessageDigest.isEqual(other.secret, secret);
    }

    @Override
    public int hashCode() {
        return version; // nothing of the secret: a hash code may end up in a log
    }

    @Override
    public String toString() {
        return "AnonymizationKey[version=" + version + ", secret=(hidden, " + secret.length + " bytes)]";
    }
}
