package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FakeValuesTest {

    @Test
    void anEmailsLocalWordsAreWhatTheRegularExpressionSplitGives() {
        assertThat(FakeValues.localWords("thea.van_der-molen")).containsExactly("thea", "van", "der", "molen");
        assertThat(FakeValues.localWords("..a--b__")).containsExactly("a", "b");
        assertThat(FakeValues.localWords("")).isEmpty();
        Random random = new Random(7);
        String alphabet = "ab._-+1é";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            List<String> expected = Arrays.stream(s.toString().split("[._-]+")).filter(w -> !w.isEmpty()).toList();
            assertThat(FakeValues.localWords(s.toString())).as("'%s'", s).isEqualTo(expected);
        }
    }
}
