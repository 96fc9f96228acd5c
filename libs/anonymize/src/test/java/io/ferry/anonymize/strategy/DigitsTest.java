package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DigitsTest {

    @Test
    void padsWithZerosUpToTheWidthAndNeverCuts() {
        assertThat(Digits.padded(7, 2)).isEqualTo("07");
        assertThat(Digits.padded(0, 4)).isEqualTo("0000");
        assertThat(Digits.padded(42, 2)).isEqualTo("42");
        assertThat(Digits.padded(12345, 3)).isEqualTo("12345");
        assertThatThrownBy(() -> Digits.padded(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fakeDatesAreAsciiWhateverTheJvmsLocale() {
        Locale before = Locale.getDefault();
        try {
            // A locale whose own digits String.format("%02d") used: Thai digits in a date column would not parse.
            Locale.setDefault(Locale.forLanguageTag("th-TH-u-nu-thai"));
            assertThat(Dates.format(LocalDate.of(987, 2, 3))).isEqualTo("0987-02-03");
        } finally {
            Locale.setDefault(before);
        }
    }
}
