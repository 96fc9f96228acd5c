package io.ferry.anonymizer.leak;

import io.ferry.anonymize.AnonymizationKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The leak key: HMAC-SHA256 under {@code AnonymizationKey.derive("leak")}, cut to 64 bits. Source
 * identifiers are kept only in this form, and findings name a leaked token by it. 64 bits keep the
 * sets small and sortable as plain {@code long}s; a chance match is negligible (millions of source
 * hashes against tens of millions of output tokens give about one in 100,000 runs). One {@link Mac} per
 * thread.
 */
public final class LeakKey {

    private final ThreadLocal<Mac> macs;

    public LeakKey(AnonymizationKey key) {
        byte[] secret = key.derive("leak");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** The keyed hash of a normalized token: the HMAC's first 64 bits. */
    public long hash(String token) {
        byte[] h = macs.get().doFinal(token.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(h).getLong();
    }

    /** A hash as findings carry it: 16 hex digits. */
    public static String hex(long hash) {
        return HexFormat.of().toHexDigits(hash);
    }
}
