package io.ferry.anonymize;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104), the same function as the JDK's {@code Mac "HmacSHA256"}, for the many short inputs of
 * anonymization (a seed per generated value, a dictionary lookup per word of free text). The JDK's MAC hashes the
 * key's inner pad again after every input; this hashes both pads once and starts each input from a copy of those
 * states, so a short input costs two SHA-256 blocks instead of four (about 140 ns instead of 190-200 on this
 * machine).
 *
 * <p>Not thread-safe: one instance per thread, made with {@link #copy}.
 */
public final class HmacSha256 {

    public static final int BYTES = 32;
    private static final int BLOCK = 64;

    private final MessageDigest innerStart;
    private final MessageDigest outerStart;
    private final byte[] innerHash = new byte[BYTES];
    private MessageDigest inner;

    /** @param key any length; longer than a block it is hashed first, as HMAC says */
    public HmacSha256(byte[] key) {
        byte[] k = Arrays.copyOf(key.length > BLOCK ? sha256().digest(key) : key, BLOCK);
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            ipad[i] = (byte) (k[i] ^ 0x36);
            opad[i] = (byte) (k[i] ^ 0x5c);
        }
        Arrays.fill(k, (byte) 0);
        this.innerStart = sha256();
        this.innerStart.update(ipad);
        this.outerStart = sha256();
        this.outerStart.update(opad);
    }

    private HmacSha256(HmacSha256 prototype) {
        this.innerStart = clone(prototype.innerStart);
        this.outerStart = clone(prototype.outerStart);
    }

    /** The same key, for another thread. */
    public HmacSha256 copy() {
        return new HmacSha256(this);
    }

    public void update(byte[] bytes) {
        update(bytes, 0, bytes.length);
    }

    public void update(byte[] bytes, int offset, int length) {
        if (inner == null) {
            inner = clone(innerStart);
        }
        inner.update(bytes, offset, length);
    }

    /** The MAC of everything given since the last one, written to {@code out} at {@code offset}. */
    public void doFinal(byte[] out, int offset) {
        if (inner == null) {
            inner = clone(innerStart);
        }
        try {
            inner.digest(innerHash, 0, BYTES);
            MessageDigest outer = clone(outerStart);
            outer.update(innerHash);
            outer.digest(out, offset, BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 refused a 32-byte output", e);
        }
        inner = null;
    }

    /** The MAC of {@code message} (and of anything given before it). */
    public byte[] doFinal(byte[] message) {
        update(message);
        byte[] out = new byte[BYTES];
        doFinal(out, 0);
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM cannot compute SHA-256", e);
        }
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JVM's SHA-256 cannot be copied", e);
        }
    }
}
