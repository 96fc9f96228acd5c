package io.ferry.anonymize.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NumberStartsTest {

    private static final Map<String, Pattern> PATTERNS = Map.of("NANP", Patterns.NANP, "NANP_E164",
            Patterns.NANP_E164, "INTERNATIONAL", Patterns.INTERNATIONAL, "BARE_PHONE", Patterns.BARE_PHONE,
            "LOCAL_PHONE", Patterns.LOCAL_PHONE, "SSN", Patterns.SSN, "BARE_SSN", Patterns.BARE_SSN);

    /** Numbers of every shape the patterns take; digits, every separator and bracket the patterns know, ASCII and other letters and digits, marks. */
    private static final String[] PIECES = {"0", "1", "2", "5", "9", "555", "0123", "458", "319", "7026", " ", "-",
            ".", "(", ")", "+", "+1", "+44", "_", "a", "f", "X", "é", "\u0663", "\u0301", "\n", ",", "'", "\uD835\uDC00",
            "tel ", "ssn ", "458-319-7026", "(458) 319-7026", "458 319 7026", "4583197026", "123-45-6789", "123 45 6789",
            "123456789", "+44 20 7946 0958", "319-7026", "319.7026", "+14583197026"};

    @Test
    void findsWhatFindFindsInEveryPattern() {
        Random random = new Random(20261126);
        int matches = 0;
        for (int n = 0; n < 40_000; n++) {
            StringBuilder sb = new StringBuilder();
            int pieces = 1 + random.nextInt(14);
            for (int i = 0; i < pieces; i++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = sb.toString();
            for (var e : PATTERNS.entrySet()) {
                List<String> expected = plain(e.getValue(), text);
                assertThat(viaStarts(e.getValue(), text)).as("%s in [%s]", e.getKey(), text).isEqualTo(expected);
                matches += expected.size();
            }
        }
        // the generated texts must exercise the patterns, not only their misses
        assertThat(matches).isGreaterThan(5_000);
    }

    @Test
    void aUuidHoldsNoNumberAndADashBeforeDigitsStartsNone() {
        for (String uuid : List.of("3f2a9c1e-0b7d-4e55-9a1c-2d3e4f506172", "12345678-1234-5678-1234-567812345678")) {
            for (Pattern p : PATTERNS.values()) {
                assertThat(viaStarts(p, uuid)).isEmpty();
                assertThat(plain(p, uuid)).isEmpty();
            }
        }
        // a number after a uuid's dash is not a start, one after a space is
        assertThat(viaStarts(Patterns.NANP, "id 3f2a-458-319-7026 or 458-319-7026")).containsExactly("24-36");
    }

    private static List<String> plain(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.start() + "-" + m.end());
        }
        return out;
    }

    private static List<String> viaStarts(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = NumberStarts.matcher(p, text);
        for (int from = 0; NumberStarts.find(m, text, from); from = m.end()) {
            out.add(m.start() + "-" + m.end());
        }
        return out;
    }
}
