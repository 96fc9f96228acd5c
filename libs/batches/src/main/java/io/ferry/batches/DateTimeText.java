package io.ferry.batches;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * {@code date}, {@code timestamp} and {@code timestamptz} between PostgreSQL's ISO text output
 * ({@code DateStyle='ISO, YMD'}, {@code TimeZone=UTC}) and Parquet's numbers.
 *
 * <p>Text: {@code 2024-01-02}, {@code 2024-01-02 03:04:05.123456}, {@code 2024-01-02
 * 03:04:05.5+00}; years zero-padded to four digits and longer past 9999; years before 1 AD as
 * {@code 0044-03-15 BC} (1 BC is the proleptic Gregorian year 0, as in {@link LocalDate}); fraction
 * digits only as many as needed, at most six; {@code infinity}, {@code -infinity}. A timestamptz is
 * printed in UTC with {@code +00}; on input any offset ({@code +05:30}, {@code -04:56:02}) is
 * accepted and the instant kept.
 *
 * <p>Numbers: a date is days since 1970-01-01 (Parquet {@code DATE}), a timestamp microseconds since
 * 1970-01-01 00:00 (Parquet {@code TIMESTAMP(MICROS)}). Infinities are stored as PostgreSQL stores
 * them internally, as the type's extreme values: {@code Integer.MAX_VALUE}/{@code MIN_VALUE} for
 * dates, {@code Long.MAX_VALUE}/{@code MIN_VALUE} for timestamps; no finite value of PostgreSQL's
 * range lands on them. Every PostgreSQL date fits. PostgreSQL timestamps go up to 294276 AD, but
 * microseconds since 1970 in 64 bits end at 294247-01-10 04:00:54.775806 UTC: the 30 years beyond
 * cannot be stored and are rejected.
 */
final class DateTimeText {

    static final long MICROS_PER_DAY = 86_400_000_000L;

    private DateTimeText() {
    }

    static int parseDate(String text) {
        if (text.equals("infinity")) {
            return Integer.MAX_VALUE;
        }
        if (text.equals("-infinity")) {
            return Integer.MIN_VALUE;
        }
        Cursor c = new Cursor(text);
        long day = c.date();
        c.end();
        if (day <= Integer.MIN_VALUE || day >= Integer.MAX_VALUE) {
            throw new InvalidValueException("the date is outside the range a date can hold");
        }
        return (int) day;
    }

    static String formatDate(int day) {
        if (day == Integer.MAX_VALUE) {
            return "infinity";
        }
        if (day == Integer.MIN_VALUE) {
            return "-infinity";
        }
        StringBuilder out = new StringBuilder(16);
        int year = appendDate(out, day);
        return appendEra(out, year).toString();
    }

    /** Microseconds since 1970 in UTC; {@code withOffset} is true for timestamptz. */
    static long parseTimestamp(String text, boolean withOffset) {
        if (text.equals("infinity")) {
            return Long.MAX_VALUE;
        }
        if (text.equals("-infinity")) {
            return Long.MIN_VALUE;
        }
        Cursor c = new Cursor(text);
        long day = c.date();
        c.expect(' ');
        long micros = c.timeOfDay();
        if (withOffset) {
            micros -= c.offsetSeconds() * 1_000_000L;
        }
        c.end();
        try {
            long value = Math.addExact(Math.multiplyExact(day, MICROS_PER_DAY), micros);
            if (value != Long.MAX_VALUE && value != Long.MIN_VALUE) {
                return value;
            }
        } catch (ArithmeticException e) {
            // falls through to the range error
        }
        throw new InvalidValueException("the timestamp is outside the range Parquet microseconds can hold"
                + " (up to 294247-01-10 UTC)");
    }

    static String formatTimestamp(long micros, boolean withOffset) {
        if (micros == Long.MAX_VALUE) {
            return "infinity";
        }
        if (micros == Long.MIN_VALUE) {
            return "-infinity";
        }
        long day = Math.floorDiv(micros, MICROS_PER_DAY);
        long timeOfDay = Math.floorMod(micros, MICROS_PER_DAY);
        StringBuilder out = new StringBuilder(40);
        int year = appendDate(out, day);
        long seconds = timeOfDay / 1_000_000;
        int fraction = (int) (timeOfDay % 1_000_000);
        out.append(' ');
        appendPadded(out, seconds / 3600, 2);
        out.append(':');
        appendPadded(out, seconds / 60 % 60, 2);
        out.append(':');
        appendPadded(out, seconds % 60, 2);
        if (fraction != 0) {
            int digits = 6;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            out.append('.');
            appendPadded(out, fraction, digits);
        }
        if (withOffset) {
            out.append("+00");
        }
        return appendEra(out, year).toString();
    }

    /** Appends {@code YYYY-MM-DD} (year as printed, without era) and returns the proleptic year. */
    private static int appendDate(StringBuilder out, long day) {
        LocalDate date = LocalDate.ofEpochDay(day);
        int year = date.getYear();
        appendPadded(out, year > 0 ? year : 1 - (long) year, 4);
        out.append('-');
        appendPadded(out, date.getMonthValue(), 2);
        out.append('-');
        appendPadded(out, date.getDayOfMonth(), 2);
        return year;
    }

    private static StringBuilder appendEra(StringBuilder out, int year) {
        return year > 0 ? out : out.append(" BC");
    }

    private static void appendPadded(StringBuilder out, long value, int width) {
        for (long limit = 10; width > 1; width--, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        out.append(value);
    }

    /** Reads PostgreSQL's date and time text left to right; every mismatch is an {@link InvalidValueException}. */
    private static final class Cursor {
        private final String text;
        private final int end;
        private final boolean bc;
        private int pos;

        Cursor(String text) {
            this.text = text;
            this.bc = text.endsWith(" BC");
            this.end = bc ? text.length() - 3 : text.length();
        }

        /** {@code YYYY-MM-DD} (four or more year digits; the era suffix was cut off): days since 1970-01-01. */
        long date() {
            int yearStart = pos;
            long year = digits(1, 9);
            if (pos - yearStart < 4) {
                throw invalid();
            }
            expect('-');
            int month = (int) digits(2, 2);
            expect('-');
            int dayOfMonth = (int) digits(2, 2);
            if (year == 0) {
                throw invalid(); // there is no year 0: 1 BC is followed by 1 AD
            }
            if (bc) {
                year = 1 - year;
            }
            try {
                return LocalDate.of((int) year, month, dayOfMonth).toEpochDay();
            } catch (DateTimeException e) {
                throw invalid();
            }
        }

        /** {@code HH:MM:SS[.f{1,6}]} as microseconds. */
        long timeOfDay() {
            long hour = digits(2, 2);
            expect(':');
            long minute = digits(2, 2);
            expect(':');
            long second = digits(2, 2);
            if (hour > 23 || minute > 59 || second > 59) {
                throw invalid();
            }
            long micros = ((hour * 60 + minute) * 60 + second) * 1_000_000;
            if (pos < end && text.charAt(pos) == '.') {
                pos++;
                int start = pos;
                long fraction = digits(1, 6);
                for (int scale = pos - start; scale < 6; scale++) {
                    fraction *= 10;
                }
                micros += fraction;
            }
            return micros;
        }

        /** {@code ±HH[:MM[:SS]]} as seconds east of UTC. */
        long offsetSeconds() {
            if (pos >= end || (text.charAt(pos) != '+' && text.charAt(pos) != '-')) {
                throw invalid();
            }
            int sign = text.charAt(pos++) == '-' ? -1 : 1;
            long seconds = digits(2, 2) * 3600;
            if (pos < end && text.charAt(pos) == ':') {
                pos++;
                seconds += digits(2, 2) * 60;
                if (pos < end && text.charAt(pos) == ':') {
                    pos++;
                    seconds += digits(2, 2);
                }
            }
            return sign * seconds;
        }

        void expect(char c) {
            if (pos >= end || text.charAt(pos) != c) {
                throw invalid();
            }
            pos++;
        }

        void end() {
            if (pos != end) {
                throw invalid();
            }
        }

        private long digits(int min, int max) {
            int start = pos;
            long value = 0;
            while (pos < end && pos - start < max) {
                char c = text.charAt(pos);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                pos++;
            }
            if (pos - start < min) {
                throw invalid();
            }
            return value;
        }

        private InvalidValueException invalid() {
            return new InvalidValueException("not in PostgreSQL's ISO date/time output form");
        }
    }
}
