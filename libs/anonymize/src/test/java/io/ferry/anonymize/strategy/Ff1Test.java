package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;

import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** {@link Ff1} computes BouncyCastle's FF1, bit for bit, both ways. */
class Ff1Test {

    private static final byte[] KEY = Fixtures.KEY.derive("ff1");

    @Test
    void encryptsAndDecryptsLikeBouncyCastle() {
        Random random = new Random(2026);
        byte[][] tweaks = {new byte[0], {1, 2, 3, 4}, "unique|person.email and more bytes".getBytes()};
        for (int radix : new int[] {2, 4, 10, 16, 26, 32, 36, 256}) {
            for (byte[] tweak : tweaks) {
                Ff1 ff1 = new Ff1(KEY, radix, tweak);
                FPEFF1Engine enc = new FPEFF1Engine();
                enc.init(true, new FPEParameters(new KeyParameter(KEY), radix, tweak));
                FPEFF1Engine dec = new FPEFF1Engine();
                dec.init(false, new FPEParameters(new KeyParameter(KEY), radix, tweak));
                int min = 1;
                while (Math.pow(radix, min) < 1_000_000) {
                    min++;
                }
                for (int n = min; n <= 70; n++) {
                    for (int rep = 0; rep < 12; rep++) {
                        byte[] x = new byte[n];
                        for (int i = 0; i < n; i++) {
                            // the first two of each length are the smallest and the largest string
                            x[i] = (byte) (rep == 0 ? 0 : rep == 1 ? radix - 1 : random.nextInt(radix));
                        }
                        byte[] expected = new byte[n];
                        enc.processBlock(x, 0, n, expected, 0);
                        byte[] actual = x.clone();
                        ff1.encrypt(actual);
                        assertThat(actual).as("radix %d, length %d, tweak %d bytes", radix, n, tweak.length)
                                .isEqualTo(expected);
                        byte[] back = new byte[n];
                        dec.processBlock(expected, 0, n, back, 0);
                        ff1.decrypt(actual);
                        assertThat(actual).isEqualTo(back).isEqualTo(x);
                    }
                }
            }
        }
    }

    /**
     * Values far longer than an email's code (about 380 characters and more give halves of 1,024 bits and more, past
     * what a double holds), both ways.
     */
    @Test
    void encryptsLongValuesLikeBouncyCastle() {
        Random random = new Random(2028);
        byte[] tweak = "person.username".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int radix : new int[] {10, 36}) {
            Ff1 ff1 = new Ff1(KEY, radix, tweak);
            FPEFF1Engine enc = new FPEFF1Engine();
            enc.init(true, new FPEParameters(new KeyParameter(KEY), radix, tweak));
            for (int n : new int[] {300, 396, 397, 620}) {
                for (int rep = 0; rep < 3; rep++) {
                    byte[] x = new byte[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = (byte) (rep == 0 ? radix - 1 : random.nextInt(radix));
                    }
                    byte[] expected = new byte[n];
                    enc.processBlock(x, 0, n, expected, 0);
                    byte[] actual = x.clone();
                    ff1.encrypt(actual);
                    assertThat(actual).as("radix %d, length %d", radix, n).isEqualTo(expected);
                    ff1.decrypt(actual);
                    assertThat(actual).isEqualTo(x);
                }
            }
        }
    }

    /**
     * The wide rounds' reduction, NUM(S) mod m, against {@link BigInteger}: moduli of 56 to 127 bits (random, and
     * just below and at powers of two, where the floating-point quotient is most often off by one) and S of the
     * lengths FF1 gives them. The rounds above meet the quotient's corrections too rarely to show a dropped borrow.
     */
    @Test
    void reducesWideNumbersLikeBigInteger() {
        Random random = new Random(2027);
        long[] out = new long[2];
        for (int trial = 0; trial < 200_000; trial++) {
            int bits = 56 + random.nextInt(72);
            BigInteger m = switch (trial % 3) {
                case 0 -> new BigInteger(bits, random).setBit(bits - 1);
                case 1 -> BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.valueOf(1 + random.nextInt(1000)));
                default -> BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.valueOf(random.nextInt(1000)));
            };
            int b = (m.subtract(BigInteger.ONE).bitLength() + 7) / 8;
            int d = 4 * ((b + 3) / 4) + 4;
            byte[] s = new byte[d];
            random.nextBytes(s);
            if (trial % 7 == 0) {
                java.util.Arrays.fill(s, (byte) 0xFF);
            }
            Ff1.Wide.mod(s, d, Ff1.Wide.of(m), out);
            BigInteger expected = new BigInteger(1, s).mod(m);
            assertThat(BigInteger.valueOf(out[0]).shiftLeft(64).or(new BigInteger(1, longBytes(out[1]))))
                    .as("%d bits, %d bytes", bits, d).isEqualTo(expected);
        }
    }

    private static byte[] longBytes(long v) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (v >>> (56 - 8 * i));
        }
        return bytes;
    }

    @Test
    void refusesDomainsBelowAMillion() {
        assertThatThrownBy(() -> new Ff1(KEY, 10, new byte[0]).encrypt(new byte[5]))
                .hasMessageContaining("at least a million");
    }
}
