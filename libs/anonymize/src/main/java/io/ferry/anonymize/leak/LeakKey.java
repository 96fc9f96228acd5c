package io.ferry.anonymize.leak;

import io.ferry.anonymize.AnonymizationKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The leak key: SipHash-2-4 (a keyed pseudo-random function made for short inputs) under 128 bits of
 * {@code AnonymizationKey.derive("leak")}, giving 64 bits of a token's UTF-8 bytes. Source identifiers are kept
 * only in this form, and findings name a leaked token by it. SipHash instead of HMAC-SHA256 because the leak
 * check hashes every identifier of every batch and every token of the output: it is some 20 times cheaper per
 * token, and without the key a stored hash tells nothing about its value. 64 bits keep the sets small and
 * sortable as plain {@code long}s; a chance match is negligible (millions of source hashes against tens of
 * millions of output tokens give about one in 100,000 runs).
 *
 * <p>BouncyCastle's SipHash, reset by each hash: one instance per thread for {@link #hash}, or one per loop through
 * {@link #hasher}. The same function as Guava's
 * {@code Hashing.sipHash24} that Ferry used before (so hashes kept in staging still match, {@code LeakKeyTest}),
 * without a hasher, buffers and a hash code allocated per token, which was a third of the run's leak check.
 */
public final class LeakKey {

    private final byte[] secret;
    private final ThreadLocal<Hasher> hashers;

    public LeakKey(AnonymizationKey key) {
        // the derived key's two longs as Guava read them (big-endian), handed to SipHash as its key bytes (little-endian)
        ByteBuffer derived = ByteBuffer.wrap(key.derive("leak"));
        this.secret = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(derived.getLong()).putLong(derived.getLong()).array();
        this.hashers = ThreadLocal.withInitial(this::hasher);
    }

    /** The keyed hash of a normalized token. Thread-safe. */
    public long hash(String token) {
        return hashers.get().hash(token);
    }

    /** The keyed hash of a normalized token's UTF-8 bytes, the first {@code length} of {@code utf8}. Thread-safe. */
    public long hash(byte[] utf8, int length) {
        return hashers.get().hash(utf8, length);
    }

    /**
     * A hasher for one thread at a time, for loops over millions of tokens: the same hashes as {@link #hash} without
     * its thread-local lookup per token, which JFR put at a twentieth of the leak check's CPU (2026-11-30).
     */
    public Hasher hasher() {
        SipHash mac = new SipHash(2, 4);
        mac.init(new KeyParameter(secret));
        return new Hasher(mac);
    }

    /** {@link LeakKey#hash} on one thread. Not thread-safe. */
    public static final class Hasher {
        private final SipHash mac;

        private Hasher(SipHash mac) {
            this.mac = mac;
        }

        public long hash(String token) {
            byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
            return hash(bytes, bytes.length);
        }

        public long hash(byte[] utf8, int length) {
            mac.update(utf8, 0, length);
            return mac.doFinal(); // and resets it for the next token
        }
    }

    /** A hash as findings carry it: 16 hex digits. */
    public static String hex(long hash) {
        return HexFormat.of().toHexDigits(hash);
    }
}
