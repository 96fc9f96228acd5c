package io.ferry.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

    @Test
    void givesTheJdksHmacForKeysAndMessagesOfEveryLengthAroundABlock() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int keyLength : new int[] {1, 16, 32, 63, 64, 65, 100}) {
            byte[] key = bytes(random, keyLength);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            HmacSha256 ours = new HmacSha256(key);
            HmacSha256 copy = ours.copy();
            for (int length = 0; length <= 200; length++) {
                byte[] message = bytes(random, length);
                byte[] expected = jdk.doFinal(message);
                assertThat(ours.doFinal(message)).as("key %d, message %d", keyLength, length).isEqualTo(expected);
                // the same input in three updates, on the copy: the state starts afresh after each MAC
                int a = length / 3;
                int b = 2 * length / 3;
                copy.update(Arrays.copyOfRange(message, 0, a));
                copy.update(message, a, b - a);
                copy.update(Arrays.copyOfRange(message, b, length));
                byte[] out = new byte[HmacSha256.BYTES + 3];
                copy.doFinal(out, 3);
                assertThat(Arrays.copyOfRange(out, 3, out.length)).isEqualTo(expected);
            }
        }
    }

    @Test
    void matchesRfc4231TestCaseTwo() {
        byte[] mac = new HmacSha256("Jefe".getBytes()).doFinal("what do ya want for nothing?".getBytes());
        assertThat(HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }
}
