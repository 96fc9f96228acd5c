package io.ferry.anonymize.strategy;

import java.math.BigInteger;

/**
 * An injective code of any text, written with {@code 0-9a-z}: the keyed, collision-free suffix of generated
 * emails, usernames and odd identifiers. Two different texts never get the same code, by construction:
 * <ol>
 * <li>the text becomes symbols of a 42-letter alphabet: {@code a-z 0-9 . - _ + @} stand for themselves, any other
 *     code point is an escape symbol followed by the code point in four base-42 symbols (a prefix code, so the
 *     symbols determine the text);</li>
 * <li>the symbols are read as a number in bijective base 42 (digits 1 to 42, so no two symbol strings give one
 *     number);</li>
 * <li>the number is written in base 36, left-padded with zeros to at least four digits (a positive number has
 *     one base-36 writing; the padding only applies below 36³, where a writing has fewer digits);</li>
 * <li>those digits are encrypted with FF1 (radix 36, the data type as tweak), a permutation of the strings of each
 *     length.</li>
 * </ol>
 * Encryption keeps the length, so codes of different lengths differ, and codes of one length differ because FF1
 * is a permutation. The code is about as long as the text (5.4 bits a character, base 36 carries 5.2) and tells
 * nothing else about it.
 */
final class UniqueCode {

    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789.-_+@";
    private static final int K = ALPHABET.length() + 1; // + the escape symbol
    private static final int ESCAPE = ALPHABET.length();
    private static final int MIN_DIGITS = 4; // 36^4 >= 10^6: FF1's smallest domain
    private static final BigInteger BIG_K = BigInteger.valueOf(K);
    private static final int CHUNK = 11; // K^11 < 2^63
    private static final long[] POW = new long[CHUNK + 1];

    static {
        POW[0] = 1;
        for (int i = 1; i <= CHUNK; i++) {
            POW[i] = POW[i - 1] * K;
        }
    }

    private final KeyedPermutation permutation;

    /** @param permutation radix 36 */
    UniqueCode(KeyedPermutation permutation) {
        if (permutation.radix() != 36) {
            throw new IllegalArgumentException("the unique code needs radix 36");
        }
        this.permutation = permutation;
    }

    /** The code of a canonical text. */
    String code(String text) {
        byte[] digits = digits(text);
        permutation.encrypt(digits);
        return render(digits);
    }

    /** The text of a code: the inverse, for tests (it needs the key). */
    String decode(String code) {
        byte[] digits = new byte[code.length()];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = (byte) Character.digit(code.charAt(i), 36);
        }
        permutation.decrypt(digits);
        BigInteger n = new BigInteger(render(digits), 36);
        int[] symbols = new int[code.length() * 2 + 8];
        int count = 0;
        while (n.signum() > 0) {
            // bijective base K: digit in 1..K
            BigInteger[] qr = n.subtract(BigInteger.ONE).divideAndRemainder(BIG_K);
            symbols[count++] = qr[1].intValue();
            n = qr[0];
        }
        StringBuilder out = new StringBuilder();
        for (int i = count - 1; i >= 0; i--) {
            int s = symbols[i];
            if (s == ESCAPE) {
                int cp = 0;
                for (int j = 0; j < 4; j++) {
                    cp = cp * K + symbols[--i];
                }
                out.appendCodePoint(cp);
            } else {
                out.append(ALPHABET.charAt(s));
            }
        }
        return out.toString();
    }

    /** Steps 1 to 3: the base-36 digits of the text's number, at least {@value #MIN_DIGITS}. */
    static byte[] digits(String text) {
        BigInteger big = null;
        long chunk = 0;
        int inChunk = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int s = cp < 0x80 ? ALPHABET.indexOf(cp) : -1;
            if (s >= 0) {
                chunk = chunk * K + s + 1;
                inChunk++;
            } else {
                int[] esc = {ESCAPE, cp / (K * K * K) % K, cp / (K * K) % K, cp / K % K, cp % K};
                for (int e : esc) {
                    chunk = chunk * K + e + 1;
                    if (++inChunk == CHUNK) {
                        big = flush(big, chunk, inChunk);
                        chunk = 0;
                        inChunk = 0;
                    }
                }
                continue;
            }
            if (inChunk == CHUNK) {
                big = flush(big, chunk, inChunk);
                chunk = 0;
                inChunk = 0;
            }
        }
        String base36;
        if (big == null) {
            base36 = Long.toString(chunk, 36);
        } else {
            base36 = flush(big, chunk, inChunk).toString(36);
        }
        if (base36.equals("0")) {
            base36 = "";
        }
        int pad = Math.max(0, MIN_DIGITS - base36.length());
        byte[] digits = new byte[pad + base36.length()];
        for (int i = 0; i < base36.length(); i++) {
            digits[pad + i] = (byte) Character.digit(base36.charAt(i), 36);
        }
        return digits;
    }

    private static BigInteger flush(BigInteger big, long chunk, int inChunk) {
        BigInteger b = big == null ? BigInteger.ZERO : big;
        return b.multiply(BigInteger.valueOf(POW[inChunk])).add(BigInteger.valueOf(chunk));
    }

    static String render(byte[] digits) {
        char[] out = new char[digits.length];
        for (int i = 0; i < digits.length; i++) {
            out[i] = Character.forDigit(digits[i], 36);
        }
        return new String(out);
    }
}
