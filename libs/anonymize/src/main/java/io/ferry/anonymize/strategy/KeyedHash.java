package io.ferry.anonymize.strategy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

import io.ferry.anonymize.AnonymizationKey;

/**
 * HMAC-SHA256 under one purpose's key (derived from the anonymization key and its version), over
 * {@code type ‖ 0x00 ‖ counter ‖ block ‖ canonical value}. One {@link Mac} per thread, initialised once.
 *
 * <p>{@code counter} is the draw: 0 first, 1 when the first draw gave back the input, and so on. {@code block}
 * numbers the 32-byte blocks of a longer key stream.
 */
final class KeyedHash {

    static final int BYTES = 32;

    private final SecretKeySpec key;
    private final ThreadLocal<State> states;

    KeyedHash(AnonymizationKey key, String purpose) {
        this.key = new SecretKeySpec(key.derive(purpose), "HmacSHA256");
        this.states = ThreadLocal.withInitial(this::newState);
    }

    private State newState() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return new State(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The first 8 bytes of the HMAC as a 64-bit seed. */
    long seed(String type, int counter, String canonical) {
        State s = states.get();
        s.digest(type, counter, 0, canonical);
        return s.firstLong();
    }

    /** The full 32-byte HMAC of one block, written to {@code out}. */
    void digest(String type, int counter, int block, String canonical, byte[] out) {
        State s = states.get();
        s.digest(type, counter, block, canonical);
        System.arraycopy(s.out, 0, out, 0, BYTES);
    }

    private static final class State {
        final Mac mac;
        final byte[] out = new byte[BYTES];
        final byte[] header = new byte[9];

        State(Mac mac) {
            this.mac = mac;
        }

        void digest(String type, int counter, int block, String canonical) {
            mac.update(type.getBytes(StandardCharsets.UTF_8));
            header[0] = 0;
            putInt(header, 1, counter);
            putInt(header, 5, block);
            mac.update(header);
            mac.update(canonical.getBytes(StandardCharsets.UTF_8));
            try {
                mac.doFinal(out, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        long firstLong() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (out[i] & 0xFF);
            }
            return v;
        }

        private static void putInt(byte[] b, int off, int v) {
            b[off] = (byte) (v >>> 24);
            b[off + 1] = (byte) (v >>> 16);
            b[off + 2] = (byte) (v >>> 8);
            b[off + 3] = (byte) v;
        }
    }
}
