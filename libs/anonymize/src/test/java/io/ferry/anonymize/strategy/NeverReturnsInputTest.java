package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * A transforming strategy never returns its input (compared in canonical form), also for the inputs where a draw
 * is most likely to hit it: one character, one digit, values already inside the reserved range.
 */
class NeverReturnsInputTest {

    private final Anonymizer anonymizer = Fixtures.anonymizer();

    private static List<String> tricky() {
        List<String> values = new ArrayList<>();
        for (char c = 'a'; c <= 'z'; c++) {
            values.add(String.valueOf(c));
            values.add(String.valueOf(c).toUpperCase(Locale.ROOT));
        }
        for (int d = 0; d < 100; d++) {
            values.add(Integer.toString(d));
        }
        for (int line = 0; line < 100; line++) {
            values.add(String.format("(458) 555-01%02d", line));
            values.add(String.format("1458555%04d", line + 100));
        }
        values.add("anna.jones.x1@example.org");
        values.add("f-ilindgren.x1");
        values.add("F-0417365928");
        values.add("198.51.100.7");
        values.add("000-12-3456");
        values.add("2011-04-17");
        return values;
    }

    @Test
    void everyDefaultFakeAndEveryKeyedStrategy() {
        List<FieldRule> rules = new ArrayList<>();
        for (DataType type : DataType.known()) {
            if (type.defaultStrategy().orElseThrow().transforms()) {
                rules.add(FieldRule.of(type));
            }
        }
        for (String strategy : List.of("hash: 8", "token", "fpe")) {
            rules.add(FieldRule.of("person.nickname", strategy));
            rules.add(FieldRule.of("student.state_id", strategy));
        }
        int checked = 0;
        for (FieldRule rule : rules) {
            for (String value : tricky()) {
                String out;
                try {
                    out = anonymizer.apply(rule, value, "entity");
                } catch (AnonymizationException e) {
                    continue; // not a value of this type (a date-shift of "a"): refused, not returned
                }
                if (!hasSomethingToTransform(rule, value)) {
                    continue;
                }
                assertThat(rule.type().canonical(out)).as("%s of a tricky value", rule)
                        .isNotEqualTo(rule.type().canonical(value));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(3_000);
    }

    /** Token and fpe change letters and digits; a value without them is returned as it is (documented). */
    private static boolean hasSomethingToTransform(FieldRule rule, String value) {
        return switch (rule.strategy()) {
            case FPE -> value.chars().anyMatch(Character::isDigit);
            case TOKEN -> value.chars().anyMatch(Character::isLetterOrDigit);
            default -> true;
        };
    }
}
