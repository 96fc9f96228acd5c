package io.ferry.anonymize.strategy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * FF1 (NIST SP 800-38G, algorithms 7 and 8) with AES-256, for radix 2 to 256: the same function as BouncyCastle's
 * {@code FPEFF1Engine} ({@code Ff1Test} and {@code KeyedPermutationTest} compare the two on random inputs of every
 * radix and length used), computed faster. BouncyCastle converts numbers digit by digit with {@link BigInteger} and
 * runs a pure-Java AES; this uses the JDK's hardware AES, one CBC call a round, and {@code long} arithmetic while a
 * half fits in 55 bits (up to 10 digits of radix 36, 16 of radix 10), shifts and masks for a power-of-two radix whose
 * halves fit in 64 bits (a uuid's 32 hex digits), two longs up to 127 bits (24 digits of radix 36: the unique codes of
 * most emails and usernames, many students' among them), {@link Limbs} of 32 bits above that (longer emails). About
 * 0.65 µs for 10 decimal digits where BouncyCastle takes 3 to 4 µs, 0.75 µs for 32 hex digits, about 1.8 µs for 47
 * base-36 digits (a student's email of about 45 characters) and 2.3 µs for 50 to 58.
 *
 * <p>Domains below a million strings are refused, as FF1 requires. One {@link Cipher} per thread.
 */
final class Ff1 {

    private static final long LONG_LIMIT = 1L << 55; // radix^m below this: r * 256 + 255 stays below 2^63
    /** radix^m of at most this many bits: A + y, both below radix^m, stays below 2^128, in two longs. */
    private static final int WIDE_BITS = 127;

    private final int radix;
    private final byte[] tweak;
    private final SecretKeySpec key;
    private final ThreadLocal<State> states;
    private final BigInteger bigRadix;
    private final ConcurrentHashMap<Integer, BigInteger> powers = new ConcurrentHashMap<>();

    Ff1(byte[] aesKey, int radix, byte[] tweak) {
        if (radix < 2 || radix > 256) {
            throw new IllegalArgumentException("radix 2 to 256");
        }
        this.radix = radix;
        this.tweak = tweak.clone();
        this.key = new SecretKeySpec(aesKey, "AES");
        this.bigRadix = BigInteger.valueOf(radix);
        this.states = ThreadLocal.withInitial(State::new);
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
        /** Encrypts P, once per length. */
        final Cipher aes;
        /**
         * A round's CBC-MAC in one call: the mode chains across calls from the last block it wrote ({@link #chain}),
         * so the round's first block goes in XORed with that block and with the state after P, and the cipher then
         * starts the round where the MAC of P ‖ Q would be. One call of three blocks cost about 60 ns where three
         * calls of one block cost 80, besides the copying between them.
         */
        final Cipher cbc;
        final byte[] chain = new byte[16];
        final long[] wide = new long[2];
        byte[] q = new byte[0];
        byte[] in = new byte[0];
        byte[] out = new byte[0];
        byte[] s = new byte[0];

        State() {
            try {
                aes = Cipher.getInstance("AES/ECB/NoPadding");
                aes.init(Cipher.ENCRYPT_MODE, key);
                cbc = Cipher.getInstance("AES/CBC/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/ECB/NoPadding or AES/CBC/NoPadding is not available", e);
            }
            restart();
        }

        /**
         * One block: {@code update}, as ECB without padding keeps no state between blocks and doFinal costs more. The
         * output must not be the input's array: the cipher copies an input it would overwrite.
         */
        void aes(byte[] in, byte[] out, int outOffset) {
            try {
                aes.update(in, 0, 16, out, outOffset);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES failed", e);
            }
        }

        /** CBC over {@code in[0, length)} into {@code out}, continuing the chain, which ends as its last block. */
        void cbc(byte[] in, int length, byte[] out) {
            try {
                cbc.update(in, 0, length, out, 0);
            } catch (GeneralSecurityException | RuntimeException e) {
                restart(); // the cipher's chain may have moved without ours: every later value would be wrong
                throw new IllegalStateException("AES failed", e);
            }
            System.arraycopy(out, length - 16, chain, 0, 16);
        }

        private void restart() {
            try {
                cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[16]));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/CBC/NoPadding is not available", e);
            }
            java.util.Arrays.fill(chain, (byte) 0);
        }
    }

    private BigInteger pow(int m) {
        return powers.computeIfAbsent(m, bigRadix::pow);
    }

    /**
     * What one length's rounds need, worked out once: the halves, the byte lengths b and d, the padding of Q, the
     * CBC-MAC state after P (it depends on the key, radix, lengths and tweak only), the moduli radix^u and
     * radix^v in the width the rounds use, and the bytes a reduction step takes in the long rounds.
     */
    private record Shape(int u, int v, int b, int d, int pad, byte[] afterP, boolean pow2, boolean narrow,
            BigInteger bigU, BigInteger bigV, Wide wideU, Wide wideV, int longChunk, Limbs.Modulus limbsU,
            Limbs.Modulus limbsV) {
    }

    private final ConcurrentHashMap<Integer, Shape> shapes = new ConcurrentHashMap<>();

    private Shape shape(int n, State st) {
        Shape known = shapes.get(n);
        if (known != null) {
            return known;
        }
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
        // CBC-MAC state after P = [1,2,1] [radix]^3 [10] [u mod 256] [n]^4 [t]^4
        byte[] p = {1, 2, 1, (byte) (radix >>> 16), (byte) (radix >>> 8), (byte) radix, 10, (byte) u,
                (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n,
                (byte) (t >>> 24), (byte) (t >>> 16), (byte) (t >>> 8), (byte) t};
        byte[] afterP = new byte[16];
        st.aes(p, afterP, 0);
        boolean wide = radixV.bitLength() <= WIDE_BITS;
        boolean narrow = radixV.compareTo(BigInteger.valueOf(LONG_LIMIT)) < 0;
        boolean pow2 = Integer.bitCount(radix) == 1 && Integer.numberOfTrailingZeros(radix) * v <= 64;
        int width = Limbs.width(radixV);
        Shape shape = new Shape(u, v, b, d, pad, afterP, pow2, narrow, pow(u), radixV, wide ? Wide.of(pow(u)) : null,
                wide ? Wide.of(radixV) : null, Math.max(1, (63 - radixV.bitLength()) / 8),
                wide ? null : Limbs.Modulus.of(pow(u), width), wide ? null : Limbs.Modulus.of(radixV, width));
        shapes.putIfAbsent(n, shape);
        return shape;
    }

    private void crypt(byte[] x, boolean encrypt) {
        State st = states.get();
        Shape shape = shape(x.length, st);
        int t = tweak.length;
        int pad = shape.pad();
        int qLength = t + pad + 1 + shape.b();
        if (st.q.length != qLength) {
            st.q = new byte[qLength];
            st.in = new byte[qLength + 16];
            st.out = new byte[qLength + 16];
        }
        byte[] q = st.q;
        System.arraycopy(tweak, 0, q, 0, t);
        for (int k = t; k < t + pad; k++) {
            q[k] = 0;
        }
        int sBlocks = (shape.d() + 15) / 16;
        if (st.s.length != sBlocks * 16) {
            st.s = new byte[sBlocks * 16];
        }
        if (shape.pow2()) {
            cryptPow2(x, encrypt, shape, t + pad, st);
        } else if (shape.narrow()) {
            cryptLong(x, encrypt, shape, t + pad, st);
        } else if (shape.wideV() != null) {
            cryptWide(x, encrypt, shape, t + pad, st);
        } else {
            cryptLimbs(x, encrypt, shape, t + pad, st);
        }
    }

    /**
     * Steps 6.i to 6.iv: S = PRF(P ‖ Q) extended to d bytes, with Q's numeral part already written. R and the first
     * block of the extension, E(R ⊕ [1]), come from one CBC call: after R the chain holds R, so a block [1] gives
     * it.
     */
    private byte[] roundS(int round, int roundByte, int d, byte[] afterP, State st) {
        byte[] q = st.q;
        q[roundByte] = (byte) round;
        int qLength = q.length;
        int length = d > 16 ? qLength + 16 : qLength;
        byte[] in = st.in;
        System.arraycopy(q, 0, in, 0, qLength);
        byte[] chain = st.chain;
        for (int k = 0; k < 16; k++) {
            in[k] ^= (byte) (afterP[k] ^ chain[k]);
        }
        if (d > 16) {
            for (int k = qLength; k < length - 1; k++) {
                in[k] = 0;
            }
            in[length - 1] = 1;
        }
        byte[] out = st.out;
        st.cbc(in, length, out);
        byte[] s = st.s;
        System.arraycopy(out, qLength - 16, s, 0, length - qLength + 16);
        for (int j = 2; j * 16 < d; j++) { // E(R ⊕ [j]) for long values only: the chain holds the block before
            for (int k = 0; k < 16; k++) {
                in[k] = (byte) (s[k] ^ chain[k]);
            }
            for (int k = 0; k < 4; k++) {
                in[15 - k] ^= (byte) (j >>> (8 * k));
            }
            st.cbc(in, 16, out);
            System.arraycopy(out, 0, s, 16 * j, 16);
        }
        return s;
    }

    private void cryptLong(byte[] x, boolean encrypt, Shape shape, int roundByte, State st) {
        int u = shape.u();
        int v = shape.v();
        int b = shape.b();
        int d = shape.d();
        byte[] afterP = shape.afterP();
        long radixU = shape.bigU().longValue();
        long radixV = shape.bigV().longValue();
        long a = numLong(x, 0, u);
        long bb = numLong(x, u, u + v);
        int chunk = shape.longChunk();
        byte[] q = st.q;
        int numOffset = roundByte + 1;
        for (int k = 0; k < 10; k++) {
            int i = encrypt ? k : 9 - k;
            long m = i % 2 == 0 ? radixU : radixV;
            long numeral = encrypt ? bb : a;
            numeralInto(q, numOffset, numeral, b); // b <= 7 here
            byte[] s = roundS(i, roundByte, d, afterP, st);
            // y = NUM(S) mod m: the leading bytes that stay below m as they are, then as many bytes a step as keep
            // y * 2^(8 chunk) below 2^63, a division a step (one a byte made divisions most of a short input's time)
            int lead = Math.min(d, (63 - Long.numberOfLeadingZeros(m)) / 8);
            long y = 0;
            for (int j = 0; j < lead; j++) {
                y = (y << 8) | (s[j] & 0xFF);
            }
            for (int j = lead; j < d; j += chunk) {
                int len = Math.min(chunk, d - j);
                long next = 0;
                for (int t = 0; t < len; t++) {
                    next = (next << 8) | (s[j + t] & 0xFF);
                }
                y = ((y << (8 * len)) | next) % m;
            }
            if (encrypt) {
                long c = a + y; // both below m: one subtraction instead of a division
                c = c >= m ? c - m : c;
                a = bb;
                bb = c;
            } else {
                long c = bb - y;
                c = c < 0 ? c + m : c;
                bb = a;
                a = c;
            }
        }
        strLong(a, x, 0, u);
        strLong(bb, x, u, u + v);
    }

    /**
     * The rounds for a radix 2^k whose halves fit in 64 bits (a uuid's 32 hex digits): NUM and STR are shifts, and
     * modulo radix^m is a mask, so y is the low bits of S's last 8 bytes (d is at least 8) and a round costs little
     * beyond its AES blocks. The wide rounds took 1.15 µs for 32 hex digits. Same steps as {@link #cryptLong}.
     */
    private void cryptPow2(byte[] x, boolean encrypt, Shape shape, int roundByte, State st) {
        int u = shape.u();
        int v = shape.v();
        int b = shape.b();
        int d = shape.d();
        byte[] afterP = shape.afterP();
        int bits = Integer.numberOfTrailingZeros(radix);
        long maskU = lowBits(bits * u);
        long maskV = lowBits(bits * v);
        long a = numBits(x, 0, u, bits);
        long bb = numBits(x, u, u + v, bits);
        byte[] q = st.q;
        int numOffset = roundByte + 1;
        for (int k = 0; k < 10; k++) {
            int i = encrypt ? k : 9 - k;
            long mask = i % 2 == 0 ? maskU : maskV;
            long numeral = encrypt ? bb : a;
            numeralInto(q, numOffset, numeral, b); // b <= 8 here
            byte[] s = roundS(i, roundByte, d, afterP, st);
            long y = 0;
            for (int j = d - 8; j < d; j++) {
                y = (y << 8) | (s[j] & 0xFF);
            }
            y &= mask;
            if (encrypt) {
                long c = (a + y) & mask;
                a = bb;
                bb = c;
            } else {
                long c = (bb - y) & mask;
                bb = a;
                a = c;
            }
        }
        strBits(a, x, 0, u, bits);
        strBits(bb, x, u, u + v, bits);
    }

    /** Q's numeral part: the last {@code b} bytes of {@code numeral}, big-endian, at {@code offset}. */
    private static void numeralInto(byte[] q, int offset, long numeral, int b) {
        for (int j = 0; j < b; j++) {
            q[offset + j] = (byte) (numeral >>> (8 * (b - 1 - j)));
        }
    }

    private static long lowBits(int n) {
        return n == 64 ? -1L : (1L << n) - 1;
    }

    private static long numBits(byte[] x, int from, int to, int bits) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n = (n << bits) | (x[i] & 0xFF);
        }
        return n;
    }

    private static void strBits(long n, byte[] x, int from, int to, int bits) {
        int digit = (1 << bits) - 1;
        for (int i = to - 1; i >= from; i--) {
            x[i] = (byte) (n & digit);
            n >>>= bits;
        }
    }

    /** The rounds on halves above {@value #WIDE_BITS} bits, in {@link Limbs}. Same steps as {@link #cryptLong}. */
    private void cryptLimbs(byte[] x, boolean encrypt, Shape shape, int roundByte, State st) {
        int u = shape.u();
        int v = shape.v();
        int b = shape.b();
        int d = shape.d();
        byte[] afterP = shape.afterP();
        Limbs.Modulus radixU = shape.limbsU();
        Limbs.Modulus radixV = shape.limbsV();
        int width = radixV.words().length;
        int[] a = Limbs.fromDigits(x, 0, u, radix, width);
        int[] bb = Limbs.fromDigits(x, u, u + v, radix, width);
        int[] y = new int[width];
        int[] scratch = new int[width];
        int[] product = new int[width];
        byte[] q = st.q;
        int numOffset = roundByte + 1;
        for (int k = 0; k < 10; k++) {
            int i = encrypt ? k : 9 - k;
            Limbs.Modulus m = i % 2 == 0 ? radixU : radixV;
            int[] numeral = encrypt ? bb : a;
            for (int j = 0; j < b; j++) {
                q[numOffset + j] = Limbs.byteAt(numeral, b - 1 - j);
            }
            byte[] s = roundS(i, roundByte, d, afterP, st);
            Limbs.mod(s, d, m, y, scratch, product);
            if (encrypt) {
                Limbs.addMod(a, y, m.words()); // C = (A + y) mod m; A becomes B, B becomes C
                int[] c = a;
                a = bb;
                bb = c;
            } else {
                Limbs.subtractMod(bb, y, m.words()); // C = (B - y) mod m; B becomes A, A becomes C
                int[] c = bb;
                bb = a;
                a = c;
            }
        }
        Limbs.toDigits(a, radix, x, 0, u);
        Limbs.toDigits(bb, radix, x, u, u + v);
    }

    /**
     * The rounds in unsigned 128-bit arithmetic on two longs, for halves up to {@value #WIDE_BITS} bits (about 24
     * digits of radix 36: the unique codes of emails and usernames), where {@link BigInteger} allocated a few
     * numbers a round. The halves are kept as plain longs: as records, carried from one round to the next, the
     * compiler kept each round's on the heap (a tenth of the anonymizer's garbage). Same steps as {@link #cryptLong}.
     */
    private void cryptWide(byte[] x, boolean encrypt, Shape shape, int roundByte, State st) {
        int u = shape.u();
        int v = shape.v();
        int b = shape.b();
        int d = shape.d();
        byte[] afterP = shape.afterP();
        Wide radixU = shape.wideU();
        Wide radixV = shape.wideV();
        Wide first = numWide(x, 0, u);
        Wide second = numWide(x, u, u + v);
        long aHi = first.hi;
        long aLo = first.lo;
        long bHi = second.hi;
        long bLo = second.lo;
        long[] y = st.wide;
        byte[] q = st.q;
        int numOffset = roundByte + 1;
        for (int k = 0; k < 10; k++) {
            int i = encrypt ? k : 9 - k;
            Wide m = i % 2 == 0 ? radixU : radixV;
            long nHi = encrypt ? bHi : aHi;
            long nLo = encrypt ? bLo : aLo;
            for (int j = 0; j < b; j++) { // b <= 16 here
                q[numOffset + j] = Wide.byteAt(nHi, nLo, b - 1 - j);
            }
            byte[] s = roundS(i, roundByte, d, afterP, st);
            Wide.mod(s, d, m, y);
            long cHi;
            long cLo;
            if (encrypt) { // C = (A + y) mod m, both below m; A becomes B, B becomes C
                cLo = aLo + y[1];
                cHi = aHi + y[0] + (Long.compareUnsigned(cLo, aLo) < 0 ? 1 : 0);
                if (Wide.atLeast(cHi, cLo, m.hi, m.lo)) {
                    cHi -= m.hi + (Long.compareUnsigned(cLo, m.lo) < 0 ? 1 : 0);
                    cLo -= m.lo;
                }
                aHi = bHi;
                aLo = bLo;
                bHi = cHi;
                bLo = cLo;
            } else { // C = (B - y) mod m, both below m; B becomes A, A becomes C
                if (Wide.atLeast(bHi, bLo, y[0], y[1])) {
                    cHi = bHi - y[0] - (Long.compareUnsigned(bLo, y[1]) < 0 ? 1 : 0);
                    cLo = bLo - y[1];
                } else { // B + (m - y)
                    long dHi = m.hi - y[0] - (Long.compareUnsigned(m.lo, y[1]) < 0 ? 1 : 0);
                    long dLo = m.lo - y[1];
                    cLo = bLo + dLo;
                    cHi = bHi + dHi + (Long.compareUnsigned(cLo, bLo) < 0 ? 1 : 0);
                }
                bHi = aHi;
                bLo = aLo;
                aHi = cHi;
                aLo = cLo;
            }
        }
        strWide(aHi, aLo, x, 0, u);
        strWide(bHi, bLo, x, u, u + v);
    }

    private Wide numWide(byte[] x, int from, int to) {
        long hi = 0;
        long lo = 0;
        for (int i = from; i < to; i++) {
            long carry = Math.unsignedMultiplyHigh(lo, radix);
            hi = hi * radix + carry;
            lo = lo * radix;
            long sum = lo + (x[i] & 0xFF);
            if (Long.compareUnsigned(sum, lo) < 0) {
                hi++;
            }
            lo = sum;
        }
        return new Wide(hi, lo);
    }

    private void strWide(long hi, long lo, byte[] x, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (hi == 0 && lo >= 0) { // what is left fits a long: two divisions a digit instead of six
                strLong(lo, x, from, i + 1);
                return;
            }
            // (hi, lo) / radix, radix <= 256: the high word, then the low word in two 32-bit steps
            long qHi = Long.divideUnsigned(hi, radix);
            long rem = Long.remainderUnsigned(hi, radix);
            long t = (rem << 32) | (lo >>> 32);
            long q1 = t / radix;
            t = ((t % radix) << 32) | (lo & 0xFFFF_FFFFL);
            long q2 = t / radix;
            x[i] = (byte) (t % radix);
            hi = qHi;
            lo = (q1 << 32) | q2;
        }
    }

    /** An unsigned 128-bit number. */
    record Wide(long hi, long lo) {

        static Wide of(BigInteger n) {
            return new Wide(n.shiftRight(64).longValue(), n.longValue());
        }

        /** Byte {@code j} of (hi, lo) counted from the least significant, {@code 0 <= j < 16}. */
        static byte byteAt(long hi, long lo, int j) {
            return (byte) (j < 8 ? lo >>> (8 * j) : hi >>> (8 * (j - 8)));
        }

        /**
         * NUM of the first {@code d} bytes of {@code s} (big-endian) modulo m into {@code out} (high, low), m below
         * 2^127. The leading bytes that stay below m need no reduction (for a long email's halves 15 of the 20
         * bytes); the rest go in four bytes a step, {@code r = (r * 2^32 + next) mod m}, the step's value in three
         * words and its quotient, below 2^32, estimated in floating point: off by at most one either way, which one
         * comparison each way corrects. Two words had room for one or two bytes a step when m has 112 to 119 bits:
         * six steps a round.
         */
        static void mod(byte[] s, int d, Wide m, long[] out) {
            double md = m.toDouble();
            long hi = 0;
            long lo = 0;
            int bits = m.hi != 0 ? 128 - Long.numberOfLeadingZeros(m.hi) : 64 - Long.numberOfLeadingZeros(m.lo);
            int lead = Math.min(d, (bits - 1) / 8);
            for (int j = 0; j < lead; j++) {
                hi = (hi << 8) | (lo >>> 56);
                lo = (lo << 8) | (s[j] & 0xFF);
            }
            for (int j = lead; j < d; j += 4) {
                int k = Math.min(4, d - j);
                long next = 0;
                for (int i = 0; i < k; i++) {
                    next = (next << 8) | (s[j + i] & 0xFF);
                }
                // x = r * 2^(8k) + next, below m * 2^32 < 2^159; in plain longs, as records the compiler kept each
                // step's on the heap (5 % of the anonymizer's garbage)
                int shift = 8 * k;
                long xTop = hi >>> (64 - shift);
                long xHi = (hi << shift) | (lo >>> (64 - shift));
                long xLo = (lo << shift) | next;
                long q = (long) ((xTop * 0x1p128 + unsigned(xHi) * 0x1p64 + unsigned(xLo)) / md);
                long pLo = m.lo * q; // p = m * q, below 2^159
                long low = m.hi * q;
                long pHi = low + Math.unsignedMultiplyHigh(m.lo, q);
                long pTop = Math.unsignedMultiplyHigh(m.hi, q) + (Long.compareUnsigned(pHi, low) < 0 ? 1 : 0);
                if (below(xTop, xHi, xLo, pTop, pHi, pLo)) { // one too large: p -= m
                    long borrow = Long.compareUnsigned(pLo, m.lo) < 0 ? 1 : 0;
                    long hiBorrow = Long.compareUnsigned(pHi, m.hi) < 0 || pHi == m.hi && borrow == 1 ? 1 : 0;
                    pLo -= m.lo;
                    pHi -= m.hi + borrow;
                    pTop -= hiBorrow;
                }
                // x - p is below 2m < 2^128: its top word is zero
                lo = xLo - pLo;
                hi = xHi - pHi - (Long.compareUnsigned(xLo, pLo) < 0 ? 1 : 0);
                if (atLeast(hi, lo, m.hi, m.lo)) { // one too small
                    hi -= m.hi + (Long.compareUnsigned(lo, m.lo) < 0 ? 1 : 0);
                    lo -= m.lo;
                }
            }
            out[0] = hi;
            out[1] = lo;
        }

        private static double unsigned(long v) {
            return (v >>> 1) * 2.0 + (v & 1);
        }

        private static boolean below(long top, long hi, long lo, long oTop, long oHi, long oLo) {
            int c = Long.compareUnsigned(top, oTop);
            if (c != 0) {
                return c < 0;
            }
            c = Long.compareUnsigned(hi, oHi);
            return c < 0 || c == 0 && Long.compareUnsigned(lo, oLo) < 0;
        }

        double toDouble() {
            return toDouble(hi, lo);
        }

        private static double toDouble(long hi, long lo) {
            return hi * 0x1p64 + (lo >>> 1) * 2.0 + (lo & 1);
        }

        static boolean atLeast(long hi, long lo, long oHi, long oLo) {
            int c = Long.compareUnsigned(hi, oHi);
            return c > 0 || c == 0 && Long.compareUnsigned(lo, oLo) >= 0;
        }
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
}
