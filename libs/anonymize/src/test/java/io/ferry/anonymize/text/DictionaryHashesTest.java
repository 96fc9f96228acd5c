package io.ferry.anonymize.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DictionaryHashesTest {

    private final TestDictionary dictionary = new TestDictionary().name("Thea Vandermolen").id("0417365928");

    @Test
    void readsTheLinesFormat() throws Exception {
        StringBuilder file = new StringBuilder();
        for (String h : dictionary.hashes()) {
            file.append(h).append('\n');
        }
        file.append('\n').append(dictionary.hmac("thea").toUpperCase(Locale.ROOT)).append("  \n");
        DictionaryHashes d = DictionaryHashes.read(new StringReader(file.toString()));
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.containsHex(dictionary.hmac("vandermolen"))).isTrue();
        assertThat(d.containsHex(dictionary.hmac("0417365928"))).isTrue();
        assertThat(d.containsHex(dictionary.hmac("cassius"))).isFalse();
        assertThat(DictionaryHashes.of(dictionary.hashes()).size()).isEqualTo(3);
        assertThat(DictionaryHashes.empty().isEmpty()).isTrue();
    }

    @Test
    void findsExactlyItsHashesWhateverTheirLeadingBits() {
        Random random = new Random(7);
        long[] edges = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (int size : new int[] {1, 2, 3, 5, 64, 1_000, 100_000}) {
            List<String> hashes = new ArrayList<>();
            Set<String> held = new HashSet<>();
            for (int i = 0; i < size; i++) {
                // leading 128 bits: edge values and near neighbours of each other, then random ones
                long hi = i < edges.length ? edges[i] : random.nextLong();
                long lo = i % 3 == 0 ? 0 : random.nextLong();
                String hex = hex(hi, lo, random.nextLong());
                hashes.add(hex);
                held.add(hex.substring(0, 32));
            }
            hashes.add(hashes.get(0)); // a repeated line
            DictionaryHashes d = DictionaryHashes.of(hashes);
            assertThat(d.size()).isEqualTo(held.size());
            for (String h : hashes) {
                assertThat(d.containsHex(h)).as("size %d, %s", size, h).isTrue();
            }
            for (int i = 0; i < 20_000; i++) {
                long hi = i < edges.length ? edges[i] : i % 2 == 0 ? random.nextLong() : hashHi(hashes.get(i % hashes.size()));
                String probe = hex(hi, random.nextLong(), 0);
                assertThat(d.containsHex(probe)).as("size %d, %s", size, probe).isEqualTo(held.contains(probe.substring(0, 32)));
            }
        }
    }

    private static String hex(long hi, long lo, long rest) {
        HexFormat f = HexFormat.of();
        return f.toHexDigits(hi) + f.toHexDigits(lo) + f.toHexDigits(rest) + f.toHexDigits(rest);
    }

    private static long hashHi(String hex) {
        return Long.parseUnsignedLong(hex.substring(0, 16), 16);
    }

    @Test
    void aLineThatIsNotAHashIsRefusedByNumber() {
        String good = dictionary.hmac("thea");
        for (String bad : List.of("thea", good.substring(1), good + "0", "+" + good.substring(1), good.replace(good.charAt(0), 'g'))) {
            assertThatThrownBy(() -> DictionaryHashes.read(new StringReader(good + "\n" + bad + "\n")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("dictionary line 2 is not a 64-digit hex HMAC");
        }
    }
}
