package io.ferry.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The HMAC key of the free-text dictionary: the extractor's preflight hashes the district's names and
 * identifiers with it, the anonymizer's scrubber looks words up with it, so both services must be given
 * the same key ({@code ferry.extractor.dictionary-key}, {@code ferry.anonymizer.dictionary-key}). Base64 of
 * at least 16 bytes. Dev and test mode may fall back to a built-in key that is not for production.
 */
public final class DictionaryKey {

    /** Development only: the text of a key everyone can read. */
    private static final byte[] DEV_KEY = "ferry-dev-dictionary-key-not-for-production".getBytes(StandardCharsets.UTF_8);

    private DictionaryKey() {
    }

    /**
     * The configured key; without one, the built-in key when {@code devOrTest}, else an error.
     *
     * @param setting the configuration key, for messages
     * @throws IllegalStateException naming the setting (never the key) when it is not base64, shorter than 16
     *                               bytes, or missing outside dev and test mode
     */
    public static byte[] resolve(String setting, Optional<String> configured, boolean devOrTest) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.get().strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(setting + " is not valid base64");
            }
            if (key.length < 16) {
                throw new IllegalStateException(setting + " decodes to " + key.length
                        + " bytes; give at least 16 (32 recommended), e.g. openssl rand -base64 32");
            }
            return key;
        }
        if (devOrTest) {
            return DEV_KEY.clone();
        }
        throw new IllegalStateException(setting + " is not set: give the free-text dictionary's HMAC key as base64"
                + " (at least 16 bytes, 32 recommended, e.g. openssl rand -base64 32)");
    }
}
