package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UniqueCodeTest {

    private final UniqueCode codes = new UniqueCode(new Keys(Fixtures.KEY).permutation(36, "unique|test"));

    @Test
    void aCodeDecodesBackToItsTextWithTheKey() {
        for (String text : List.of("", "a", "thea.vandermolen@gmail.com", "zoë+ünï@例え.jp", "😀", "A-Z upper",
                "x".repeat(200))) {
            String code = codes.code(text);
            assertThat(code).matches("[0-9a-z]{4,}");
            assertThat(codes.decode(code)).isEqualTo(text);
        }
    }

    @Test
    void theCodeIsAboutAsLongAsTheText() {
        assertThat(codes.code("thea.vandermolen@gmail.com")).hasSizeBetween(26, 29);
        assertThat(codes.code("")).hasSize(4);
    }

    /** Prefixes, padding and escapes are where an encoding could collide: all short strings of a small alphabet. */
    @Test
    void allShortStringsOfATrickyAlphabetGetDistinctCodes() {
        String alphabet = "a0.@Zé\u0000";
        Set<String> texts = new HashSet<>();
        texts.add("");
        Set<String> level = Set.of("");
        for (int length = 1; length <= 5; length++) {
            Set<String> next = new HashSet<>();
            for (String prefix : level) {
                for (int i = 0; i < alphabet.length(); i++) {
                    next.add(prefix + alphabet.charAt(i));
                }
            }
            texts.addAll(next);
            level = next;
        }
        Set<String> out = new HashSet<>();
        for (String t : texts) {
            out.add(codes.code(t));
        }
        assertThat(out).hasSize(texts.size());
    }

    @Test
    void randomTextsGetDistinctCodes() {
        Random random = new Random(42);
        Set<String> texts = new HashSet<>();
        while (texts.size() < 50_000) {
            int length = random.nextInt(12);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append(UniqueCode.ALPHABET.charAt(random.nextInt(UniqueCode.ALPHABET.length())));
            }
            texts.add(s.toString());
        }
        Set<String> out = new HashSet<>();
        for (String t : texts) {
            out.add(codes.code(t));
        }
        assertThat(out).hasSize(texts.size());
    }
}
