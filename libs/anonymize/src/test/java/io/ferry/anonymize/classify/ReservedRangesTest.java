package io.ferry.anonymize.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reserved ranges of generated emails, phones and identifiers, and the SQL the scan runs. */
class ReservedRangesTest {

    private final ReservedRanges ranges = new ReservedRanges(List.of("@Test.K12.example.us"), "FERRY-");

    @Test
    void emailsAtExampleOrgAndTheConfiguredDomainsAreReserved() {
        assertThat(ranges.emailDomains()).containsExactly("example.org", "test.k12.example.us");
        assertThat(ranges.violation(DataType.EMAIL, "a@example.org")).isTrue();
        assertThat(ranges.violation(DataType.EMAIL, " A.B@Example.ORG ")).isTrue();
        assertThat(ranges.violation(DataType.EMAIL, "x@mail.example.org")).as("subdomain").isTrue();
        assertThat(ranges.violation(DataType.EMAIL, "x@test.k12.example.us")).isTrue();
        assertThat(ranges.violation(DataType.EMAIL, "x@notexample.org")).isFalse();
        assertThat(ranges.violation(DataType.EMAIL, "x@example.org.evil.com")).isFalse();
        assertThat(ranges.violation(DataType.EMAIL, "x@example.com")).isFalse();
        assertThat(ranges.violation(DataType.EMAIL, "maria.lopez@gmail.com")).isFalse();
    }

    @Test
    void phonesInTheNanpFictionalRangeAreReserved() {
        assertThat(ranges.violation(DataType.PHONE, "(212) 555-0142")).isTrue();
        assertThat(ranges.violation(DataType.PHONE, "+1 212 555 0199")).isTrue();
        assertThat(ranges.violation(DataType.PHONE, "12125550100")).isTrue();
        assertThat(ranges.violation(DataType.PHONE, "217.555.0101")).isTrue();
        assertThat(ranges.violation(DataType.PHONE, "212-555-0200")).as("555-0200 is a real line").isFalse();
        assertThat(ranges.violation(DataType.PHONE, "212-555-1234")).isFalse();
        assertThat(ranges.violation(DataType.PHONE, "(217) 384-2291")).isFalse();
        assertThat(ranges.violation(DataType.PHONE, "22125550142")).as("11 digits without a leading 1").isFalse();
        assertThat(ranges.violation(DataType.PHONE, "(212) 555-0142 ext 12")).isFalse();
    }

    @Test
    void thePhoneRegexSaysWhatTheE164DigitsSay() {
        SplittableRandom random = new SplittableRandom(7);
        String[] separators = {"", " ", "-", ".", "(", ")", "+", " x"};
        for (int i = 0; i < 20_000; i++) {
            String digits = random.nextInt(3) == 0 ? "1" : "";
            digits += String.format("%03d", random.nextInt(1000));
            digits += random.nextBoolean() ? "55501" : String.format("%05d", random.nextInt(100_000));
            digits += String.format("%02d", random.nextInt(100));
            if (random.nextInt(10) == 0) {
                digits += random.nextInt(10);
            }
            StringBuilder text = new StringBuilder();
            for (char c : digits.toCharArray()) {
                text.append(separators[random.nextInt(separators.length)]).append(c);
            }
            String d = digits.length() == 11 && digits.startsWith("1") ? digits.substring(1) : digits;
            boolean expected = d.length() == 10 && d.substring(3, 8).equals("55501");
            assertThat(ranges.violation(DataType.PHONE, text.toString())).as(text.toString()).isEqualTo(expected);
        }
    }

    @Test
    void identifiersWithTheReservedPrefixAreReserved() {
        assertThat(ranges.violation(DataType.STATE_ID, "FERRY-0012")).isTrue();
        assertThat(ranges.violation(DataType.STATE_ID, " ferry-abc")).isTrue();
        assertThat(ranges.violation(DataType.USERNAME, "Ferry-bob")).isTrue();
        assertThat(ranges.violation(DataType.USERNAME, "ferryman42")).isFalse();
        assertThat(ranges.violation(DataType.STATE_ID, "0123456789")).isFalse();
    }

    @Test
    void otherTypesAndNullsHaveNoRange() {
        assertThat(ranges.violation(DataType.FIRST_NAME, "FERRY-x@example.org")).isFalse();
        assertThat(ranges.violation(DataType.EMAIL, null)).isFalse();
        assertThat(DataType.EMAIL.hasReservedRange()).isTrue();
        assertThat(DataType.BIRTH_DATE.hasReservedRange()).isFalse();
        assertThatThrownBy(() -> ranges.sqlCondition(DataType.CITY, "x", new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReservedRanges(List.of(), " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSqlConditionsTakeTheirValuesAsParameters() {
        List<Object> params = new ArrayList<>();
        assertThat(ranges.sqlCondition(DataType.EMAIL, "(email::text)", params))
                .isEqualTo("(right(lower(btrim((email::text))), ?) = ? OR right(lower(btrim((email::text))), ?) = ?"
                        + " OR right(lower(btrim((email::text))), ?) = ? OR right(lower(btrim((email::text))), ?) = ?)");
        assertThat(params).containsExactly(12, "@example.org", 12, ".example.org", 20, "@test.k12.example.us", 20,
                ".test.k12.example.us");
        params.clear();
        assertThat(ranges.sqlCondition(DataType.PHONE, "p", params)).isEqualTo("(p ~ ?)");
        assertThat(params).containsExactly(ReservedRanges.PHONE_REGEX);
        params.clear();
        assertThat(ranges.sqlCondition(DataType.STATE_ID, "s", params)).isEqualTo("(left(upper(btrim(s)), ?) = ?)");
        assertThat(params).containsExactly(6, "FERRY-");
        assertThat(ranges.cypherCondition(DataType.EMAIL, "n.email")).contains("$reservedTails");
        assertThat(ranges.cypherParameters()).containsKeys("reservedTails", "reservedPhone", "reservedPrefix");
    }
}
