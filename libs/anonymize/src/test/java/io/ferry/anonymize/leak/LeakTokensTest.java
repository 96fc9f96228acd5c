package io.ferry.anonymize.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakTokensTest {

    private static Set<String> forms(String value) {
        Set<String> out = new TreeSet<>();
        LeakTokens.forms(value, out::add);
        return out;
    }

    private static Set<String> candidates(String value) {
        Set<String> out = new TreeSet<>();
        LeakTokens.candidates(value, out::add);
        return out;
    }

    @Test
    void aPhoneIsFoundHoweverItIsWritten() {
        Set<String> source = forms("(458) 319-7026");
        assertThat(source).contains("d:4583197026", "d:14583197026", "a:4583197026");
        for (String written : List.of("call 458.319.7026 today", "+1 458 319 7026", "tel:4583197026",
                "ring (458) 319-7026, please")) {
            assertThat(candidates(written)).as(written).containsAnyElementsOf(source);
        }
        assertThat(candidates("call (458) 555-0135 today")).doesNotContainAnyElementsOf(source);
        assertThat(candidates("F-4583197026")).as("an identifier's digits are no phone")
                .doesNotContainAnyElementsOf(source);
    }

    @Test
    void emailsAndIdentifiersAreFoundInTextInAnyCaseAndWithSeparators() {
        assertThat(candidates("Mail Thea.Vandermolen@Gmail.com, then leave."))
                .containsAnyElementsOf(forms("thea.vandermolen@gmail.com"));
        assertThat(candidates("file OR-SS-88412 closed")).containsAnyElementsOf(forms("orss88412"));
        assertThat(candidates("(\"tvandermolen\")")).containsAnyElementsOf(forms("tvandermolen"));
    }

    @Test
    void shortFormsAreLeftOut() {
        assertThat(forms("NY")).isEmpty();
        assertThat(candidates("a b")).isEmpty();
        assertThat(candidates("ab cd ef")).isEmpty();
        assertThat(candidates("abc def gh")).containsExactly("t:abc def gh");
    }

    @Test
    void hashSetsRoundTripAndAnswerMembership(@TempDir Path dir) throws Exception {
        LeakHashes.Builder b = new LeakHashes.Builder();
        for (long h : new long[] {5, -3, 5, Long.MIN_VALUE, 42}) {
            b.add(h);
        }
        LeakHashes set = b.build();
        set.write(dir.resolve("h.bin"));
        LeakHashes back = LeakHashes.read(dir.resolve("h.bin"));
        assertThat(back.size()).isEqualTo(4);
        assertThat(back.contains(-3)).isTrue();
        assertThat(back.contains(Long.MIN_VALUE)).isTrue();
        assertThat(back.contains(6)).isFalse();
        Files.writeString(dir.resolve("bad.bin"), "not a hash set");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LeakHashes.read(dir.resolve("bad.bin")))
                .hasMessageContaining("bad.bin is not a leak hash set");
    }

    @Test
    void collapsesWhiteSpaceAsTheRegularExpressionDid() {
        java.util.Random random = new java.util.Random(7);
        char[] alphabet = {' ', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u00a0', 'a', 'B', '7', '.'};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String value = text.toString();
            assertThat(LeakTokens.collapseSpaces(value)).as("%s", value.chars().boxed().toList())
                    .isEqualTo(value.replaceAll("\\s+", " "));
        }
        String unchanged = "Thea Vandermolen 1998";
        assertThat(LeakTokens.collapseSpaces(unchanged)).isSameAs(unchanged);
    }

    /** A random value built from pieces leak tokens care about: words, digit groups, separators, white space. */
    private static String randomValue(java.util.Random random) {
        String[] pieces = {"Thea", "VANDERMOLEN", "thea.v", "@Mail.com", "orss", "F-", "458", "319", "7026", "1",
                "0032256563", "(", ")", "-", ".", "+", "_", ",", ";", "|", "\"", " ", " ", "  ", "\t", "\n", "\r",
                "\f", "\u000B", "\u001C", "\u001F", "\u00a0", "\u2003", "é", "Ångström", "e\u0301", "ß", "İstanbul",
                "ΣΟΦΙΑ", "東京", "\uD83D\uDE00", "١٢٣", "x", "AB12", "555-0135"};
        StringBuilder value = new StringBuilder();
        for (int i = random.nextInt(14); i > 0; i--) {
            value.append(pieces[random.nextInt(pieces.length)]);
        }
        return value.toString();
    }

    @Test
    void theEncoderMakesTheTokensTheStringsDidAndTheirHashes() {
        java.util.Random random = new java.util.Random(11);
        LeakTokens.Encoder encoder = new LeakTokens.Encoder();
        LeakKey key = new LeakKey(new io.ferry.anonymize.AnonymizationKey(1,
                "leak-tokens-test-key-of-32-bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        List<Set<LeakTokens.Form>> kinds = List.of(java.util.EnumSet.allOf(LeakTokens.Form.class),
                Set.of(LeakTokens.Form.TEXT), Set.of(LeakTokens.Form.TEXT, LeakTokens.Form.DIGITS),
                Set.of(LeakTokens.Form.TEXT, LeakTokens.Form.ALNUM));
        long tokens = 0;
        for (int round = 0; round < 60_000; round++) {
            String value = randomValue(random);
            List<String> expected = new java.util.ArrayList<>();
            StringLeakTokens.candidates(value, expected::add);
            List<String> strings = new java.util.ArrayList<>();
            LeakTokens.candidates(value, strings::add);
            assertThat(strings).as("%s", value.chars().boxed().toList()).isEqualTo(expected);
            List<Long> hashes = new java.util.ArrayList<>();
            encoder.candidates(value, (utf8, length) -> hashes.add(key.hash(utf8, length)));
            assertThat(hashes).isEqualTo(expected.stream().map(key::hash).toList());
            tokens += expected.size();
            for (Set<LeakTokens.Form> k : kinds) {
                List<String> forms = new java.util.ArrayList<>();
                StringLeakTokens.forms(value, k, forms::add);
                List<String> encoded = new java.util.ArrayList<>();
                LeakTokens.forms(value, k, encoded::add);
                assertThat(encoded).as("%s %s", k, value.chars().boxed().toList()).isEqualTo(forms);
            }
        }
        assertThat(tokens).as("the values make tokens of every kind").isGreaterThan(100_000);
    }
}
