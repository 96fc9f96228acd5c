package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void refusesDomainsBelowAMillion() {
        assertThatThrownBy(() -> new Ff1(KEY, 10, new byte[0]).encrypt(new byte[5]))
                .hasMessageContaining("at least a million");
    }
}
