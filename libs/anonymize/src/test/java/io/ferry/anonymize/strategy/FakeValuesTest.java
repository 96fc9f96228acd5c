package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FakeValuesTest {

    @Test
    void anEmailsEdgeWordsAreTheEndsOfWhatTheRegularExpressionSplitGives() {
        assertThat(FakeValues.edgeWords("thea.van_der-molen")).containsExactly("thea", "molen");
        assertThat(FakeValues.edgeWords("..a--b__")).containsExactly("a", "b");
        assertThat(FakeValues.edgeWords("thea")).isNull();
        assertThat(FakeValues.edgeWords("")).isNull();
        Random random = new Random(7);
        String alphabet = "ab._-+1é";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            List<String> words = Arrays.stream(s.toString().split("[._-]+")).filter(w -> !w.isEmpty()).toList();
            String[] expected = words.size() < 2 ? null : new String[] {words.get(0), words.get(words.size() - 1)};
            assertThat(FakeValues.edgeWords(s.toString())).as("'%s'", s).isEqualTo(expected);
        }
    }
}
