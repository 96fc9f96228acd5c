package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ferry.anonymize.strategy.Canonical.Form;

class CanonicalTest {

    @Test
    void textIsNfcTrimmedWithSingleSpaces() {
        assertThat(Canonical.text("  Thea   Maria\tVan\u00A0der Molen \n")).isEqualTo("Thea Maria Van der Molen");
        assertThat(Canonical.text("Zoe\u0308")).isEqualTo("Zo\u00EB"); // NFD ë becomes NFC ë
        assertThat(Canonical.text("Thea")).isSameAs(Canonical.text("Thea")).isEqualTo("Thea");
        assertThat(Canonical.text("   ")).isEmpty();
        assertThat(Canonical.text("")).isEmpty();
    }

    @Test
    void namesAndEmailsIgnoreCase() {
        assertThat(Canonical.of(Form.CASELESS, "  THEA ")).isEqualTo(Canonical.of(Form.CASELESS, "thea")).isEqualTo("thea");
        assertThat(Canonical.of(Form.EMAIL, " Thea.Vandermolen@GMAIL.com ")).isEqualTo("thea.vandermolen@gmail.com");
        assertThat(Canonical.of(Form.CASELESS, "İstanbul")).isEqualTo("i̇stanbul"); // Locale.ROOT, not Turkish rules
    }

    @Test
    void phonesAreE164DigitsWithTheNanpCountryCode() {
        assertThat(Canonical.phone("(458) 319-7026")).isEqualTo("14583197026");
        assertThat(Canonical.phone("+1 458.319.7026")).isEqualTo("14583197026");
        assertThat(Canonical.phone("+44 20 7946 0958")).isEqualTo("442079460958");
    }

    @Test
    void datesAreTheLeadingIsoDate() {
        assertThat(Canonical.date("2011-04-17")).isEqualTo("2011-04-17");
        assertThat(Canonical.date(" 2011-04-17 08:30:00+02")).isEqualTo("2011-04-17");
        assertThat(Canonical.date("2011-04-17T08:30:00Z")).isEqualTo("2011-04-17");
        assertThat(Canonical.date("04/17/2011")).isEqualTo("04/17/2011");
        assertThat(Canonical.date("2011-02-30")).isEqualTo("2011-02-30"); // not a date: text form
    }

    @Test
    void identifiersAreUpperCaseLettersAndDigits() {
        assertThat(Canonical.identifier(" ab-12 34/x ")).isEqualTo("AB1234X");
        assertThat(Canonical.of(Form.HEX, "7D9F3C2A-1b4e")).isEqualTo("7d9f3c2a1b4e");
        assertThat(Canonical.of(Form.DIGITS, "123-45-6789")).isEqualTo("123456789");
        assertThat(Canonical.ip(" 10.0.0.1/32 ")).isEqualTo("10.0.0.1");
        assertThat(Canonical.ip("FE80::1/128")).isEqualTo("fe80::1");
        assertThat(Canonical.ip("10.0.0.0/24")).isEqualTo("10.0.0.0/24");
    }

    @Test
    void sameTellsValuesApartByTheirFirstCharacterOnlyWhereThatIsSafe() {
        assertThat(Canonical.same(Form.CASELESS, " THEA", "thea ")).isTrue();
        assertThat(Canonical.same(Form.CASELESS, "Thea", "Mira")).isFalse();
        assertThat(Canonical.same(Form.TEXT, "Thea", "thea")).as("case counts in TEXT").isFalse();
        assertThat(Canonical.same(Form.CASELESS, "e\u0301mile", "\u00E9mile")).as("NFD against NFC").isTrue();
        assertThat(Canonical.same(Form.CASELESS, "\u212Aim", "kim")).as("the Kelvin sign is K under NFC").isTrue();
        assertThat(Canonical.same(Form.PHONE, "(458) 319-7026", "+1 458 319 7026")).isTrue();
        assertThat(Canonical.same(Form.EMAIL, null, null)).isTrue();
        assertThat(Canonical.same(Form.EMAIL, "a@example.org", null)).isFalse();
    }

    /** Against the forms themselves, on every pair of values made of fragments chosen to trip a shortcut. */
    @Test
    void sameAgreesWithComparingTheCanonicalForms() {
        String[] fragments = {"", " ", "\u00A0", "\t", "\u2000", "a", "A", "b", "e", "\u0301", "\u00E9", "\u212A", "k",
                "\u0130", "i", "1", "-", ".", "@", "x y", "\u00DF", "S", "0", "7", "f", "F", "g", "+1 ", "(458) ",
                "4583197026", "319-7026", "9f0C"};
        java.util.Random random = new java.util.Random(20261127);
        java.util.List<String> values = new java.util.ArrayList<>();
        for (int n = 0; n < 600; n++) {
            StringBuilder v = new StringBuilder();
            for (int k = random.nextInt(5); k > 0; k--) {
                v.append(fragments[random.nextInt(fragments.length)]);
            }
            values.add(v.toString());
        }
        for (Form form : Form.values()) {
            for (int n = 0; n < 20_000; n++) {
                String a = values.get(random.nextInt(values.size()));
                String b = switch (random.nextInt(3)) {
                    case 0 -> values.get(random.nextInt(values.size()));
                    case 1 -> a.toUpperCase(java.util.Locale.ROOT);
                    default -> "\u00A0" + a.toLowerCase(java.util.Locale.ROOT) + " ";
                };
                assertThat(Canonical.same(form, a, b)).as("%s [%s] [%s]", form, a, b)
                        .isEqualTo(Canonical.of(form, a).equals(Canonical.of(form, b)));
            }
        }
    }

    @Test
    void nullStaysNull() {
        for (Form form : Form.values()) {
            assertThat(Canonical.of(form, null)).isNull();
        }
    }
}
