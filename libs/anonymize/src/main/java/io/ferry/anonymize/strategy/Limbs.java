package io.ferry.anonymize.strategy;

import java.math.BigInteger;

/**
 * Unsigned integers of fixed width as little-endian 32-bit words in an {@code int[]}: the arithmetic FF1's rounds
 * need on halves too long for two longs (the unique codes of long emails), without the few {@link BigInteger}s a
 * round that cost more than the round's AES. Every number of one FF1 length has the same width: one word more than
 * its largest modulus, so that a remainder shifted up by a word still fits.
 */
final class Limbs {

    private static final long WORD = 0xFFFF_FFFFL;

    private Limbs() {
    }

    /**
     * A modulus radix^m with what the reduction needs: its words, and its value as a double scaled by 2^(-32 base),
     * base two words below its leading word, so that a modulus of 1,024 bits or more (a value of about 380 characters
     * or more as a unique code) is not infinite. The reduction scales its numbers the same way.
     */
    record Modulus(int[] words, int base, double approx) {

        static Modulus of(BigInteger m, int width) {
            int[] words = Limbs.of(m, width);
            int base = Math.max(0, (m.bitLength() - 1) / 32 - 2);
            return new Modulus(words, base, Limbs.approx(words, base));
        }
    }

    /** The words of {@code n}, in {@code width} words. */
    static int[] of(BigInteger n, int width) {
        int[] out = new int[width];
        for (int i = 0; i < width; i++) {
            out[i] = n.shiftRight(32 * i).intValue();
        }
        return out;
    }

    /** The words a number below {@code limit} needs, plus the one a remainder shifted up by a word takes. */
    static int width(BigInteger limit) {
        return (limit.bitLength() + 31) / 32 + 1;
    }

    /** NUM: the digits {@code x[from, to)} of this radix (most significant first) as a number of {@code width} words. */
    static int[] fromDigits(byte[] x, int from, int to, int radix, int width) {
        int[] n = new int[width];
        int chunk = chunk(radix);
        int i = from;
        while (i < to) {
            int len = Math.min(chunk, to - i);
            long part = 0;
            long scale = 1;
            for (int k = 0; k < len; k++) {
                part = part * radix + (x[i + k] & 0xFF);
                scale *= radix;
            }
            multiplyAdd(n, scale, part);
            i += len;
        }
        return n;
    }

    /** {@code n = n * factor + addend}, both below 2^32; what overflows the width is lost. */
    static void multiplyAdd(int[] n, long factor, long addend) {
        long carry = addend;
        for (int w = 0; w < n.length; w++) {
            long t = (n[w] & WORD) * factor + carry; // < 2^64 unsigned: every part below 2^32
            n[w] = (int) t;
            carry = t >>> 32;
        }
    }

    /** STR: writes {@code n} as the digits {@code x[from, to)} of this radix; {@code n} is consumed. */
    static void toDigits(int[] n, int radix, byte[] x, int from, int to) {
        int chunk = chunk(radix);
        long divisor = 1;
        for (int k = 0; k < chunk; k++) {
            divisor *= radix;
        }
        int top = n.length - 1; // the highest word that may be non-zero: quotients only shrink
        int i = to;
        while (i > from) {
            int len = Math.min(chunk, i - from);
            int part; // below 2^32: unsigned, divided as a long only when the sign bit is set
            if (len == chunk) {
                while (top > 0 && n[top] == 0) {
                    top--;
                }
                long rem = 0;
                for (int w = top; w >= 0; w--) {
                    long t = (rem << 32) | (n[w] & WORD); // rem < divisor < 2^32
                    n[w] = (int) Long.divideUnsigned(t, divisor);
                    rem = Long.remainderUnsigned(t, divisor);
                }
                part = (int) rem;
            } else {
                part = n[0]; // what is left is below radix^len < 2^32
            }
            int k = 0;
            if (part < 0) {
                long wide = part & WORD;
                x[i - 1] = (byte) (wide % radix);
                part = (int) (wide / radix);
                k = 1;
            }
            // the chunk's digits in int arithmetic: a 64-bit division a digit was the conversion's largest cost
            for (; k < len; k++) {
                x[i - 1 - k] = (byte) (part % radix);
                part /= radix;
            }
            i -= len;
        }
    }

    /** Digits of a radix per word-sized chunk: the most whose radix power stays below 2^32. */
    private static int chunk(int radix) {
        int c = 1;
        long p = radix;
        while (p * radix < (1L << 32)) {
            p *= radix;
            c++;
        }
        return c;
    }

    /** Byte {@code j} of {@code n}, counted from the least significant. */
    static byte byteAt(int[] n, int j) {
        return (byte) (n[j >>> 2] >>> (8 * (j & 3)));
    }

    /**
     * {@code r = NUM(s[0, d)) mod m}, the bytes big-endian and {@code d} a multiple of 4: a word at a time from the
     * most significant, {@code r = (r * 2^32 + word) mod m}. The quotient of each step is below 2^32; estimated in
     * floating point from the leading words it is off by at most one either way, which one comparison each way
     * corrects. {@code x} and {@code p} are scratch of the same width.
     */
    static void mod(byte[] s, int d, Modulus m, int[] r, int[] x, int[] p) {
        int width = r.length;
        int[] mw = m.words();
        java.util.Arrays.fill(r, 0);
        // the leading words that stay below m need no reduction: for a long email's halves 4 of S's 6 words
        int lead = Math.min(d / 4, (bitLength(mw) - 1) / 32);
        for (int k = 0; k < lead; k++) {
            r[lead - 1 - k] = word(s, 4 * k);
        }
        for (int k = 4 * lead; k < d; k += 4) {
            x[0] = word(s, k);
            System.arraycopy(r, 0, x, 1, width - 1); // r < m leaves its top word free
            long q = (long) (approx(x, m.base()) / m.approx());
            if (q > WORD) {
                q = WORD;
            }
            long carry = 0;
            for (int w = 0; w < width; w++) {
                long t = q * (mw[w] & WORD) + carry; // < 2^64 unsigned
                p[w] = (int) t;
                carry = t >>> 32;
            }
            if (compare(x, p) < 0) {
                subtract(p, mw); // the estimate was one too large
            }
            subtract(x, p);
            if (compare(x, mw) >= 0) {
                subtract(x, mw); // one too small
            }
            System.arraycopy(x, 0, r, 0, width);
        }
    }

    /** The big-endian word at {@code s[k, k + 4)}. */
    private static int word(byte[] s, int k) {
        return (s[k] & 0xFF) << 24 | (s[k + 1] & 0xFF) << 16 | (s[k + 2] & 0xFF) << 8 | (s[k + 3] & 0xFF);
    }

    /** The number's bit length (0 for zero). */
    static int bitLength(int[] n) {
        for (int w = n.length - 1; w >= 0; w--) {
            if (n[w] != 0) {
                return 32 * w + 32 - Integer.numberOfLeadingZeros(n[w]);
            }
        }
        return 0;
    }

    /** {@code a = (a + y) mod m}, for both below m. */
    static void addMod(int[] a, int[] y, int[] m) {
        long carry = 0;
        for (int w = 0; w < a.length; w++) {
            long t = (a[w] & WORD) + (y[w] & WORD) + carry;
            a[w] = (int) t;
            carry = t >>> 32;
        }
        if (compare(a, m) >= 0) {
            subtract(a, m);
        }
    }

    /** {@code b = (b - y) mod m}, for both below m. */
    static void subtractMod(int[] b, int[] y, int[] m) {
        if (compare(b, y) < 0) {
            long carry = 0;
            for (int w = 0; w < b.length; w++) {
                long t = (b[w] & WORD) + (m[w] & WORD) + carry;
                b[w] = (int) t;
                carry = t >>> 32;
            }
        }
        subtract(b, y);
    }

    /** {@code a -= b}, for {@code a >= b}. */
    static void subtract(int[] a, int[] b) {
        long borrow = 0;
        for (int w = 0; w < a.length; w++) {
            long t = (a[w] & WORD) - (b[w] & WORD) - borrow;
            a[w] = (int) t;
            borrow = (t >>> 63);
        }
    }

    static int compare(int[] a, int[] b) {
        for (int w = a.length - 1; w >= 0; w--) {
            if (a[w] != b[w]) {
                return Integer.compareUnsigned(a[w], b[w]);
            }
        }
        return 0;
    }

    /** 2^(32 e) for the exponents the reduction meets: its numbers have at most three words above the base. */
    private static final double[] WORD_SCALE = {1.0, 0x1p32, 0x1p64, 0x1p96, 0x1p128};

    /**
     * The number as a double scaled by 2^(-32 base), from its three leading words (64 or more significant bits). A
     * power of two from a table scales each word, exactly as {@code Math.scalb} does, which was a tenth of a long
     * email's FF1.
     */
    static double approx(int[] n, int base) {
        int top = n.length - 1;
        while (top > 0 && n[top] == 0) {
            top--;
        }
        double v = 0;
        for (int w = top; w >= Math.max(0, top - 2); w--) {
            int e = w - base;
            v += (double) (n[w] & WORD) * (e >= 0 && e < WORD_SCALE.length ? WORD_SCALE[e] : Math.scalb(1.0, 32 * e));
        }
        return v;
    }
}
