package io.ferry.anonymize.strategy;

import java.time.DateTimeException;
import java.time.LocalDate;

/** ISO dates at the start of PostgreSQL and Neo4j date, timestamp and timestamptz texts. */
final class Dates {

    private Dates() {
    }

    /** Whether the text starts with {@code yyyy-MM-dd} (a real date) not followed by another digit. */
    static boolean startsWithIsoDate(String t) {
        return parse(t) != null;
    }

    /** The leading ISO date, or null. */
    static LocalDate parse(String t) {
        if (t.length() < 10 || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.length() > 10 && Character.isDigit(t.charAt(10))) {
            return null;
        }
        int y = number(t, 0, 4);
        int m = number(t, 5, 7);
        int d = number(t, 8, 10);
        if (y < 0 || m < 0 || d < 0) {
            return null;
        }
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-dd}, or null outside years 0001 to 9999. */
    static String format(LocalDate date) {
        int y = date.getYear();
        if (y < 1 || y > 9999) {
            return null;
        }
        return Digits.padded(y, 4) + "-" + Digits.padded(date.getMonthValue(), 2) + "-"
                + Digits.padded(date.getDayOfMonth(), 2);
    }

    private static int number(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
