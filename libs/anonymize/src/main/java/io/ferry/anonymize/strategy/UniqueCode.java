package io.ferry.anonymize.strategy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
    private static final int CHUNK = 5; // K^5 < 2^32: a word-sized multiplier for Limbs
    private static final long[] POW = new long[CHUNK + 1];
    private static final double BITS_PER_DIGIT = Math.log(36) / Math.log(2);
    /** An ASCII character's symbol, or -1: a table, as {@code ALPHABET.indexOf} twice a character was most of step 1. */
    private static final byte[] SYMBOL = new byte[0x80];
    private static final byte[] DIGIT_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    static {
        POW[0] = 1;
        for (int i = 1; i <= CHUNK; i++) {
            POW[i] = POW[i - 1] * K;
        }
        Arrays.fill(SYMBOL, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            SYMBOL[ALPHABET.charAt(i)] = (byte) i;
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
        // step 1: bijective digits 1..K, an escaped code point as five of them (counted first: an array of five a
        // character was 6 % of the anonymizer's garbage)
        int size = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            size += cp < 0x80 && SYMBOL[cp] >= 0 ? 1 : 5;
        }
        int[] symbols = new int[size];
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int s = cp < 0x80 ? SYMBOL[cp] : -1;
            if (s >= 0) {
                symbols[count++] = s + 1;
            } else {
                symbols[count++] = ESCAPE + 1;
                symbols[count++] = cp / (K * K * K) % K + 1;
                symbols[count++] = cp / (K * K) % K + 1;
                symbols[count++] = cp / K % K + 1;
                symbols[count++] = cp % K + 1;
            }
        }
        // step 2: their number, a chunk of symbols per multiply-add (K^CHUNK < 2^32)
        int[] n = new int[count * 6 / 32 + 2]; // K^count < 2^(5.43 count)
        for (int i = 0; i < count; i += CHUNK) {
            int len = Math.min(CHUNK, count - i);
            long part = 0;
            for (int k = 0; k < len; k++) {
                part = part * K + symbols[i + k];
            }
            Limbs.multiplyAdd(n, POW[len], part);
        }
        // step 3: base 36 without leading zeros, left-padded to MIN_DIGITS
        // 36^(floor(bits / log2 36) + 1) > 2^bits > n: as many digits as the number needs, and one to spare
        byte[] all = new byte[(int) (Limbs.bitLength(n) / BITS_PER_DIGIT) + 2];
        Limbs.toDigits(n, 36, all, 0, all.length);
        int first = 0;
        while (first < all.length && all[first] == 0) {
            first++;
        }
        int length = Math.max(MIN_DIGITS, all.length - first);
        byte[] digits = new byte[length];
        System.arraycopy(all, first, digits, length - (all.length - first), all.length - first);
        return digits;
    }

    /** Base-36 digits as {@code 0-9a-z}, written as Latin-1 bytes: from chars the string compressed them again. */
    static String render(byte[] digits) {
        byte[] out = new byte[digits.length];
        for (int i = 0; i < digits.length; i++) {
            out[i] = DIGIT_CHARS[digits[i]];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }
}
