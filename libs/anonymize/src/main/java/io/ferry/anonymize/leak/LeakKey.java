package io.ferry.anonymize.leak;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.ferry.anonymize.AnonymizationKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The leak key: SipHash-2-4 (a keyed pseudo-random function made for short inputs) under 128 bits of
 * {@code AnonymizationKey.derive("leak")}, giving 64 bits. Source identifiers are kept only in this form, and
 * findings name a leaked token by it. SipHash instead of HMAC-SHA256 because the leak check hashes every
 * identifier of every batch and every token of the output: it is some 20 times cheaper per token, and
 * without the key a stored hash tells nothing about its value. 64 bits keep the sets small and sortable
 * as plain {@code long}s; a chance match is negligible (millions of source hashes against tens of
 * millions of output tokens give about one in 100,000 runs).
 */
public final class LeakKey {

    private final HashFunction siphash;

    public LeakKey(AnonymizationKey key) {
        ByteBuffer secret = ByteBuffer.wrap(key.derive("leak"));
        this.siphash = Hashing.sipHash24(secret.getLong(), secret.getLong());
    }

    /** The keyed hash of a normalized token. Thread-safe. */
    public long hash(String token) {
        return siphash.hashString(token, StandardCharsets.UTF_8).asLong();
    }

    /** A hash as findings carry it: 16 hex digits. */
    public static String hex(long hash) {
        return HexFormat.of().toHexDigits(hash);
    }
}
