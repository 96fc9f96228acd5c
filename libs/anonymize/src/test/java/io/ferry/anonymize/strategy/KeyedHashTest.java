package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyedHashTest {

    private static final String PURPOSE = "keyed-hash-test";

    /** The documented input, type ‖ 0x00 ‖ counter ‖ block ‖ canonical value, MACed by a fresh Mac. */
    private static byte[] reference(String type, int counter, int block, String canonical) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Fixtures.KEY.derive(PURPOSE), "HmacSHA256"));
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(type.getBytes(StandardCharsets.UTF_8));
        in.write(0);
        in.writeBytes(ByteBuffer.allocate(8).putInt(counter).putInt(block).array());
        in.writeBytes(canonical.getBytes(StandardCharsets.UTF_8));
        return mac.doFinal(in.toByteArray());
    }

    /** ASCII and other text, short and longer than the thread's first buffer, in any order: the reference's bytes. */
    @Test
    void macsTheDocumentedInput() throws Exception {
        KeyedHash hash = new KeyedHash(Fixtures.KEY, PURPOSE);
        String[] types = {"person.first_name", "person.email", "tÿpe.ünïcode"};
        String[] values = {"", "anna", "anna.jones@example.org", "zoë", "josé garcía", "名前", "x".repeat(300),
            "a".repeat(130) + "é", "\u0000\u007f"};
        byte[] out = new byte[KeyedHash.BYTES];
        for (String type : types) {
            for (String value : values) {
                for (int counter : new int[] {0, 1, 7}) {
                    for (int block : new int[] {0, 3}) {
                        byte[] expected = reference(type, counter, block, value);
                        hash.digest(type, counter, block, value, out);
                        assertThat(out).as("%s %d %d [%s]", type, counter, block, value).isEqualTo(expected);
                        if (block == 0) {
                            assertThat(hash.seed(type, counter, value))
                                    .isEqualTo(ByteBuffer.wrap(Arrays.copyOf(expected, 8)).getLong());
                        }
                    }
                }
            }
        }
    }
}
