package io.ferry.anonymize.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Locale;
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
    void aLineThatIsNotAHashIsRefusedByNumber() {
        String good = dictionary.hmac("thea");
        for (String bad : List.of("thea", good.substring(1), good + "0", "+" + good.substring(1), good.replace(good.charAt(0), 'g'))) {
            assertThatThrownBy(() -> DictionaryHashes.read(new StringReader(good + "\n" + bad + "\n")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("dictionary line 2 is not a 64-digit hex HMAC");
        }
    }
}
