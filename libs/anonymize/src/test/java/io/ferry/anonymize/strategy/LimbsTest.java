package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Limbs} agrees with {@link BigInteger} on the numbers FF1's long halves give. */
class LimbsTest {

    private final Random random = new Random(20261125);

    @Test
    void digitsGoInAndOutUnchanged() {
        for (int radix : new int[] {2, 10, 16, 36, 256}) {
            for (int n = 1; n <= 70; n++) {
                byte[] digits = randomDigits(radix, n);
                BigInteger limit = BigInteger.valueOf(radix).pow(n);
                int[] words = Limbs.fromDigits(digits, 0, n, radix, Limbs.width(limit));
                assertThat(value(words)).isEqualTo(new BigInteger(1, toBytes(digits, radix)));
                byte[] back = new byte[n];
                Limbs.toDigits(words, radix, back, 0, n);
                assertThat(back).as("radix %d, %d digits", radix, n).isEqualTo(digits);
            }
        }
    }

    @Test
    void reducesModuloLikeBigInteger() {
        for (int radix : new int[] {10, 36, 256}) {
            // up to 35 digits as FF1 gives them for codes up to 70 digits; then halves of 1,024 bits and more, where a
            // double of the modulus itself would be infinite
            for (int v : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(12, 35),
                    java.util.stream.IntStream.of(196, 197, 198, 250, 320)).toArray()) {
                BigInteger m = BigInteger.valueOf(radix).pow(v);
                int width = Limbs.width(m);
                Limbs.Modulus modulus = Limbs.Modulus.of(m, width);
                int b = (m.subtract(BigInteger.ONE).bitLength() + 7) / 8;
                int d = 4 * ((b + 3) / 4) + 4;
                for (int rep = 0; rep < 200; rep++) {
                    byte[] s = new byte[d];
                    random.nextBytes(s);
                    if (rep == 0) {
                        java.util.Arrays.fill(s, (byte) 0xFF);
                    }
                    int[] r = new int[width];
                    Limbs.mod(s, d, modulus, r, new int[width], new int[width]);
                    BigInteger expected = new BigInteger(1, s).mod(m);
                    assertThat(value(r)).as("radix %d, v %d", radix, v).isEqualTo(expected);

                    BigInteger a = new BigInteger(m.bitLength() + 8, random).mod(m);
                    int[] sum = Limbs.of(a, width);
                    Limbs.addMod(sum, r, modulus.words());
                    assertThat(value(sum)).isEqualTo(a.add(expected).mod(m));
                    int[] difference = Limbs.of(a, width);
                    Limbs.subtractMod(difference, r, modulus.words());
                    assertThat(value(difference)).isEqualTo(a.subtract(expected).mod(m));
                }
            }
        }
    }

    private byte[] randomDigits(int radix, int n) {
        byte[] digits = new byte[n];
        for (int i = 0; i < n; i++) {
            digits[i] = (byte) random.nextInt(radix);
        }
        return digits;
    }

    private static byte[] toBytes(byte[] digits, int radix) {
        BigInteger n = BigInteger.ZERO;
        for (byte d : digits) {
            n = n.multiply(BigInteger.valueOf(radix)).add(BigInteger.valueOf(d & 0xFF));
        }
        return n.toByteArray();
    }

    private static BigInteger value(int[] words) {
        BigInteger n = BigInteger.ZERO;
        for (int i = words.length - 1; i >= 0; i--) {
            n = n.shiftLeft(32).add(BigInteger.valueOf(words[i] & 0xFFFF_FFFFL));
        }
        return n;
    }
}
