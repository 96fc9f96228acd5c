package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ReservedRangesTest {

    private final ReservedRanges ranges = new ReservedRanges(List.of("@Test.K12.example.us"), "ferry-");

    @Test
    void emailsAtTheReservedDomainsAndTheirSubdomains() {
        assertThat(ranges.emailDomains()).containsExactly("example.org", "test.k12.example.us");
        assertThat(ranges.inReservedRange(DataType.EMAIL, " Anna.Jones.x1@EXAMPLE.org ")).isTrue();
        assertThat(ranges.inReservedRange(DataType.EMAIL, "a@mail.example.org")).isTrue();
        assertThat(ranges.inReservedRange(DataType.EMAIL, "a@test.k12.example.us")).isTrue();
        assertThat(ranges.inReservedRange(DataType.EMAIL, "a@notexample.org")).isFalse();
        assertThat(ranges.inReservedRange(DataType.EMAIL, "a@example.org.evil.com")).isFalse();
    }

    @Test
    void phonesOnTheFictionalLines() {
        assertThat(ranges.inReservedRange(DataType.PHONE, "(458) 555-0123")).isTrue();
        assertThat(ranges.inReservedRange(DataType.PHONE, "+1 458 555 0199")).isTrue();
        assertThat(ranges.inReservedRange(DataType.PHONE, "14585550100")).isTrue();
        assertThat(ranges.inReservedRange(DataType.PHONE, "(458) 555-0200")).isFalse();
        assertThat(ranges.inReservedRange(DataType.PHONE, "(458) 319-7026")).isFalse();
        assertThat(ranges.inReservedRange("person.phone", "2458555012")).isFalse();
    }

    @Test
    void identifiersWithThePrefix() {
        assertThat(ranges.idPrefix()).isEqualTo("FERRY-");
        assertThat(ranges.inReservedRange(DataType.STATE_ID, "FERRY-0417365928")).isTrue();
        assertThat(ranges.inReservedRange("account.username", " ferry-ilindgren.x1 ")).isTrue();
        assertThat(ranges.inReservedRange(DataType.STATE_ID, "0417365928")).isFalse();
        assertThatThrownBy(() -> new ReservedRanges(List.of(), " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipAddressesInTheDocumentationNetworksAndSsnsInArea000() {
        assertThat(ranges.inReservedRange(DataType.IP, "198.51.100.7")).isTrue();
        assertThat(ranges.inReservedRange(DataType.IP, "203.0.113.0/24")).isTrue();
        assertThat(ranges.inReservedRange(DataType.IP, "2001:DB8:1::1")).isTrue();
        assertThat(ranges.inReservedRange(DataType.IP, "10.0.0.1")).isFalse();
        assertThat(ranges.inReservedRange(DataType.SSN, "000-12-3456")).isTrue();
        assertThat(ranges.inReservedRange(DataType.SSN, "123-45-6789")).isFalse();
    }

    @Test
    void typesWithoutARangeAndNullAreNeverInside() {
        assertThat(ranges.inReservedRange(DataType.FIRST_NAME, "FERRY-x")).isFalse();
        assertThat(ranges.inReservedRange(DataType.EMAIL, null)).isFalse();
        assertThat(ReservedRanges.hasReservedRange(DataType.USERNAME)).isTrue();
        assertThat(ReservedRanges.hasReservedRange(DataType.CITY)).isFalse();
    }

    /**
     * The written-out email and phone checks answer what the stripped, lower-cased text and {@code PHONE_REGEX} answer,
     * on values built from fragments chosen to trip them: case, white space at either end, non-ASCII letters that
     * lower-case to ASCII or change length (the Kelvin sign, a dotted capital I), separators, too many digits.
     */
    @Test
    void writtenOutChecksAnswerAsTheTextAndTheRegexDo() {
        Pattern phone = Pattern.compile(ReservedRanges.PHONE_REGEX);
        String[] emailParts = {"a", "Anna.Jones", "@", ".", "example.org", "EXAMPLE.ORG", "exampl", "e.org", "test",
            ".k12", ".Example.US", " ", "\t", "\u212A", "\u0130", "x", "mail.", "@@", "\u00e9", "k12.example.us", ""};
        String[] phoneParts = {"1", "0", "5", "55", "555", "01", "0199", "458", " ", "-", "(", ")", "+", ".", "x",
            "\u0665", "\n", "12", "9", ""};
        Random random = new Random(42);
        int inEmail = 0;
        int inPhone = 0;
        for (int i = 0; i < 200_000; i++) {
            String email = join(random, emailParts);
            boolean expected = oldEmailCheck(email);
            assertThat(ranges.inReservedRange(DataType.EMAIL, email)).as("email [%s]", email).isEqualTo(expected);
            inEmail += expected ? 1 : 0;
            String number = join(random, phoneParts);
            boolean expectedPhone = phone.matcher(number).matches();
            assertThat(ranges.inReservedRange(DataType.PHONE, number)).as("phone [%s]", number).isEqualTo(expectedPhone);
            inPhone += expectedPhone ? 1 : 0;
        }
        assertThat(inEmail).as("emails inside").isGreaterThan(1_000);
        assertThat(inPhone).as("phones inside").isGreaterThan(100);
    }

    private boolean oldEmailCheck(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return ranges.emailDomains().stream().anyMatch(d -> v.endsWith("@" + d) || v.endsWith("." + d));
    }

    private static String join(Random random, String[] parts) {
        StringBuilder out = new StringBuilder();
        for (int k = random.nextInt(9); k >= 0; k--) {
            out.append(parts[random.nextInt(parts.length)]);
        }
        return out.toString();
    }
}
