package io.ferry.anonymize.strategy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * FF1 (NIST SP 800-38G, algorithms 7 and 8) with AES-256, for radix 2 to 256: the same function as BouncyCastle's
 * {@code FPEFF1Engine} ({@code KeyedPermutationTest} compares the two on random inputs of every radix and length
 * used), computed faster. BouncyCastle converts numbers digit by digit with {@link BigInteger} and runs a pure-Java
 * AES; this uses the JDK's hardware AES and {@code long} arithmetic while a half fits in 55 bits (up to 10 digits
 * of radix 36, 16 of radix 10), a few {@link BigInteger} operations a round above that. About 1 µs for 10 decimal
 * digits where BouncyCastle takes 3 to 4 µs.
 *
 * <p>Domains below a million strings are refused, as FF1 requires. One {@link Cipher} per thread.
 */
final class Ff1 {

    private static final long LONG_LIMIT = 1L << 55; // radix^m below this: r * 256 + 255 stays below 2^63

    private final int radix;
    private final byte[] tweak;
    private final SecretKeySpec key;
    private final ThreadLocal<State> states;
    private final BigInteger bigRadix;
    private final ConcurrentHashMap<Integer, BigInteger> powers = new ConcurrentHashMap<>();
    /** Digits per long chunk in the BigInteger conversions. */
    private final int chunk;

    Ff1(byte[] aesKey, int radix, byte[] tweak) {
        if (radix < 2 || radix > 256) {
            throw new IllegalArgumentException("radix 2 to 256");
        }
        this.radix = radix;
        this.tweak = tweak.clone();
        this.key = new SecretKeySpec(aesKey, "AES");
        this.bigRadix = BigInteger.valueOf(radix);
        this.states = ThreadLocal.withInitial(State::new);
        int c = 1;
        long cp = radix;
        while (cp * radix < LONG_LIMIT) {
            cp *= radix;
            c++;
        }
        this.chunk = c;
    }

    /** Encrypts digits ({@code 0..radix-1}, most significant first) in place. */
    void encrypt(byte[] x) {
        crypt(x, true);
    }

    /** Decrypts digits in place. */
    void decrypt(byte[] x) {
        crypt(x, false);
    }

    private final class State {
        final Cipher aes;
        final byte[] block = new byte[16];
        final byte[] r = new byte[16];
        byte[] q = new byte[0];
        byte[] s = new byte[0];

        State() {
            try {
                aes = Cipher.getInstance("AES/ECB/NoPadding");
                aes.init(Cipher.ENCRYPT_MODE, key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/ECB/NoPadding is not available", e);
            }
        }

        void aes(byte[] in, byte[] out) {
            try {
                aes.doFinal(in, 0, 16, out, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES failed", e);
            }
        }
    }

    private BigInteger pow(int m) {
        return powers.computeIfAbsent(m, bigRadix::pow);
    }

    private void crypt(byte[] x, boolean encrypt) {
        int n = x.length;
        int u = n / 2;
        int v = n - u;
        BigInteger radixV = pow(v);
        if (pow(n).compareTo(BigInteger.valueOf(1_000_000)) < 0) {
            throw new IllegalArgumentException("FF1 needs a domain of at least a million strings");
        }
        int b = (radixV.subtract(BigInteger.ONE).bitLength() + 7) / 8;
        int d = 4 * ((b + 3) / 4) + 4;
        int t = tweak.length;
        int pad = Math.floorMod(-t - b - 1, 16);
        State st = states.get();
        int qLength = t + pad + 1 + b;
        if (st.q.length != qLength) {
            st.q = new byte[qLength];
        }
        byte[] q = st.q;
        System.arraycopy(tweak, 0, q, 0, t);
        for (int k = t; k < t + pad; k++) {
            q[k] = 0;
        }
        int sBlocks = (d + 15) / 16;
        if (st.s.length != sBlocks * 16) {
            st.s = new byte[sBlocks * 16];
        }
        // CBC-MAC state after P = [1,2,1] [radix]^3 [10] [u mod 256] [n]^4 [t]^4
        byte[] p = {1, 2, 1, (byte) (radix >>> 16), (byte) (radix >>> 8), (byte) radix, 10, (byte) u,
                (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n,
                (byte) (t >>> 24), (byte) (t >>> 16), (byte) (t >>> 8), (byte) t};
        byte[] afterP = new byte[16];
        st.aes(p, afterP);

        if (radixV.compareTo(BigInteger.valueOf(LONG_LIMIT)) < 0) {
            cryptLong(x, encrypt, u, v, b, d, t + pad, afterP, st);
        } else {
            cryptBig(x, encrypt, u, v, b, d, t + pad, afterP, st);
        }
    }

    /** Steps 6.i to 6.iv: S = PRF(P ‖ Q) extended to d bytes, with Q's numeral part already written. */
    private byte[] roundS(int round, int roundByte, int d, byte[] afterP, State st) {
        byte[] q = st.q;
        q[roundByte] = (byte) round;
        byte[] block = st.block;
        System.arraycopy(afterP, 0, block, 0, 16);
        for (int off = 0; off < q.length; off += 16) {
            for (int k = 0; k < 16; k++) {
                block[k] ^= q[off + k];
            }
            st.aes(block, block);
        }
        byte[] s = st.s;
        System.arraycopy(block, 0, s, 0, 16);
        for (int j = 1; j * 16 < d; j++) {
            byte[] r = st.r;
            System.arraycopy(block, 0, r, 0, 16);
            for (int k = 0; k < 4; k++) {
                r[15 - k] ^= (byte) (j >>> (8 * k));
            }
            byte[] out = new byte[16];
            st.aes(r, out);
            System.arraycopy(out, 0, s, 16 * j, 16);
        }
        return s;
    }

    private void cryptLong(byte[] x, boolean encrypt, int u, int v, int b, int d, int roundByte, byte[] afterP,
            State st) {
        long radixU = pow(u).longValueExact();
        long radixV = pow(v).longValueExact();
        long a = numLong(x, 0, u);
        long bb = numLong(x, u, u + v);
        byte[] q = st.q;
        int numOffset = roundByte + 1;
        for (int k = 0; k < 10; k++) {
            int i = encrypt ? k : 9 - k;
            long m = i % 2 == 0 ? radixU : radixV;
            long numeral = encrypt ? bb : a;
            for (int j = 0; j < b; j++) { // b <= 7 here
                q[numOffset + j] = (byte) (numeral >>> (8 * (b - 1 - j)));
            }
            byte[] s = roundS(i, roundByte, d, afterP, st);
            long y = 0;
            for (int j = 0; j < d; j++) {
                y = (y * 256 + (s[j] & 0xFF)) % m;
            }
            if (encrypt) {
                long c = (a + y) % m;
                a = bb;
                bb = c;
            } else {
                long c = Math.floorMod(bb - y, m);
                bb = a;
                a = c;
            }
        }
        strLong(a, x, 0, u);
        strLong(bb, x, u, u + v);
    }

    private void cryptBig(byte[] x, boolean encrypt, int u, int v, int b, int d, int roundByte, byte[] afterP,
            State st) {
        BigInteger radixU = pow(u);
        BigInteger radixV = pow(v);
        BigInteger a = numBig(x, 0, u);
        BigInteger bb = numBig(x, u, u + v);
        byte[] q = st.q;
        int numOffset = roundByte + 1;
        for (int k = 0; k < 10; k++) {
            int i = encrypt ? k : 9 - k;
            BigInteger m = i % 2 == 0 ? radixU : radixV;
            byte[] numeral = (encrypt ? bb : a).toByteArray(); // big-endian, maybe a leading sign byte
            for (int j = 0; j < b; j++) {
                int from = numeral.length - b + j;
                q[numOffset + j] = from >= 0 ? numeral[from] : 0;
            }
            byte[] s = roundS(i, roundByte, d, afterP, st);
            byte[] sd = new byte[d];
            System.arraycopy(s, 0, sd, 0, d);
            BigInteger y = new BigInteger(1, sd);
            if (encrypt) {
                BigInteger c = a.add(y).mod(m);
                a = bb;
                bb = c;
            } else {
                BigInteger c = bb.subtract(y).mod(m);
                bb = a;
                a = c;
            }
        }
        strBig(a, x, 0, u);
        strBig(bb, x, u, u + v);
    }

    private long numLong(byte[] x, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n = n * radix + (x[i] & 0xFF);
        }
        return n;
    }

    private void strLong(long n, byte[] x, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            x[i] = (byte) (n % radix);
            n /= radix;
        }
    }

    /** NUM in chunks that fit a long: one multiply-add of BigIntegers per chunk. */
    private BigInteger numBig(byte[] x, int from, int to) {
        BigInteger n = BigInteger.ZERO;
        int i = from;
        while (i < to) {
            int len = Math.min(chunk, to - i);
            long part = 0;
            for (int k = 0; k < len; k++) {
                part = part * radix + (x[i + k] & 0xFF);
            }
            n = n.multiply(pow(len)).add(BigInteger.valueOf(part));
            i += len;
        }
        return n;
    }

    /** STR in chunks: one division of BigIntegers per chunk. */
    private void strBig(BigInteger n, byte[] x, int from, int to) {
        BigInteger divisor = pow(chunk);
        int i = to;
        while (i > from) {
            int len = Math.min(chunk, i - from);
            long part;
            if (len == chunk) {
                BigInteger[] qr = n.divideAndRemainder(divisor);
                part = qr[1].longValue();
                n = qr[0];
            } else {
                part = n.longValue();
            }
            for (int k = 0; k < len; k++) {
                x[i - 1 - k] = (byte) (part % radix);
                part /= radix;
            }
            i -= len;
        }
    }
}
