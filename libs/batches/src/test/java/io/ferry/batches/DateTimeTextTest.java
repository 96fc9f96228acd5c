package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateTimeTextTest {

    /** PostgreSQL's range: 4713-11-24 BC to 294246 AD (the part microseconds since 1970 can hold). */
    private static final long MIN_MICROS = LocalDateTime.of(-4712, 11, 24, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000;
    private static final long MAX_MICROS = LocalDateTime.of(294246, 12, 31, 23, 59).toEpochSecond(ZoneOffset.UTC) * 1_000_000;

    @Test
    void infinitiesAreTheExtremeValuesAsInPostgres() {
        assertThat(DateTimeText.parseDate("infinity")).isEqualTo(Integer.MAX_VALUE);
        assertThat(DateTimeText.parseDate("-infinity")).isEqualTo(Integer.MIN_VALUE);
        assertThat(DateTimeText.parseTimestamp("infinity", false)).isEqualTo(Long.MAX_VALUE);
        assertThat(DateTimeText.parseTimestamp("-infinity", true)).isEqualTo(Long.MIN_VALUE);
        assertThat(DateTimeText.formatDate(Integer.MAX_VALUE)).isEqualTo("infinity");
        assertThat(DateTimeText.formatTimestamp(Long.MIN_VALUE, true)).isEqualTo("-infinity");
    }

    @Test
    void datesAreDaysSince1970AndOneBcIsYearZero() {
        assertThat(DateTimeText.parseDate("1970-01-01")).isZero();
        assertThat(DateTimeText.parseDate("1969-12-31")).isEqualTo(-1);
        assertThat(DateTimeText.parseDate("0001-12-31 BC")).isEqualTo((int) LocalDate.of(0, 12, 31).toEpochDay());
        assertThat(DateTimeText.parseDate("0001-02-29 BC")).isEqualTo((int) LocalDate.of(0, 2, 29).toEpochDay());
        assertThat(DateTimeText.formatDate((int) LocalDate.of(-43, 3, 15).toEpochDay())).isEqualTo("0044-03-15 BC");
    }

    @Test
    void timestampsAreMicrosecondsSince1970() {
        assertThat(DateTimeText.parseTimestamp("1970-01-01 00:00:00.000001", false)).isEqualTo(1);
        assertThat(DateTimeText.parseTimestamp("1969-12-31 23:59:59.999999+00", true)).isEqualTo(-1);
        assertThat(DateTimeText.parseTimestamp("1970-01-01 05:30:00+05:30", true)).isZero();
    }

    @Test
    void printsEveryDayOfTheCommonEraAsIsoDoes() {
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd");
        for (long day = LocalDate.of(1, 1, 1).toEpochDay(); day <= LocalDate.of(9999, 12, 31).toEpochDay(); day += 7) {
            assertThat(DateTimeText.formatDate((int) day)).isEqualTo(LocalDate.ofEpochDay(day).format(iso));
        }
    }

    @Test
    void everyPrintedValueParsesBackAcrossPostgresRange() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            long micros = random.nextLong(MIN_MICROS, MAX_MICROS);
            int day = (int) Math.floorDiv(micros, DateTimeText.MICROS_PER_DAY);
            assertThat(DateTimeText.parseTimestamp(DateTimeText.formatTimestamp(micros, false), false)).isEqualTo(micros);
            assertThat(DateTimeText.parseTimestamp(DateTimeText.formatTimestamp(micros, true), true)).isEqualTo(micros);
            assertThat(DateTimeText.parseDate(DateTimeText.formatDate(day))).isEqualTo(day);
        }
    }

    @Test
    void timestampsBeyondWhatMicrosecondsCanHoldAreRejected() {
        assertThat(DateTimeText.formatTimestamp(Long.MAX_VALUE - 1, false)).isEqualTo("294247-01-10 04:00:54.775806");
        assertThat(DateTimeText.parseTimestamp("294247-01-10 04:00:54.775806", false)).isEqualTo(Long.MAX_VALUE - 1);
        assertThatThrownBy(() -> DateTimeText.parseTimestamp("294247-01-10 04:00:54.775807", false))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("outside the range");
        assertThatThrownBy(() -> DateTimeText.parseTimestamp("294276-12-31 23:59:59.999999+00", true))
                .isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024-1-02", "24-01-02", "2024-01-02x", "2024-02-30", "2023-02-29", "0000-01-01",
            "2024-13-01", "2024-01-02 BC BC", "Infinity", "2024-01-02 00:00:00", "+2024-01-02"})
    void rejectsWhatIsNotADate(String text) {
        assertThatThrownBy(() -> DateTimeText.parseDate(text)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-02", "2024-01-02 24:00:00", "2024-01-02 12:60:00", "2024-01-02 12:00:60",
            "2024-01-02 12:00:00.", "2024-01-02 12:00:00.1234567", "2024-01-02T12:00:00", "2024-01-02 12:00",
            "2024-01-02 12:00:00+00"})
    void rejectsWhatIsNotATimestamp(String text) {
        assertThatThrownBy(() -> DateTimeText.parseTimestamp(text, false)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-02 12:00:00", "2024-01-02 12:00:00+", "2024-01-02 12:00:00+0",
            "2024-01-02 12:00:00 UTC", "2024-01-02 12:00:00+00:"})
    void aTimestamptzNeedsItsOffset(String text) {
        assertThatThrownBy(() -> DateTimeText.parseTimestamp(text, true)).isInstanceOf(InvalidValueException.class);
    }
}
