package io.ferry.anonymize.strategy;

import java.time.LocalDate;
import java.util.Locale;

/** The {@code date-shift} and {@code generalize} strategies. */
final class DateTransforms {

    private final Keys keys;

    DateTransforms(Keys keys) {
        this.keys = keys;
    }

    /**
     * The date moved by one offset per entity: {@code ±(1 + HMAC(date-shift key, entity key) mod max)} days, never 0.
     * The offset depends on the entity key only (not on the column or the data type), so every date of one entity
     * moves by the same number of days and the intervals between them stay. A timestamp keeps its time and zone
     * ({@code 2011-04-17 08:30:00+02}). Without an entity key (null or blank), the offset is keyed by the data type
     * and the date itself. {@code infinity} and {@code -infinity} stay.
     */
    FieldAnonymizer dateShift(FieldRule rule) {
        int max = Integer.parseInt(rule.argument());
        return (value, entityKey) -> {
            String t = value.strip();
            if (isInfinity(t)) {
                return value;
            }
            LocalDate date = Dates.parse(t);
            if (date == null) {
                throw new AnonymizationException(rule, "the value is not an ISO date (yyyy-MM-dd, optionally followed "
                        + "by a time)");
            }
            String entity = entityKey == null ? "" : Canonical.identifier(entityKey);
            long seed = entity.isEmpty() ? keys.shifts.seed(rule.type().name(), 0, Canonical.date(t))
                    : keys.shifts.seed("entity", 0, entity);
            String shifted = Dates.format(date.plusDays(offset(seed, max)));
            if (shifted == null) {
                throw new AnonymizationException(rule, "the shifted date leaves the years 0001 to 9999");
            }
            return shifted + t.substring(10);
        };
    }

    /** ±(1 + seed mod max): the lowest bit is the sign. */
    static int offset(long seed, int max) {
        int magnitude = 1 + (int) Long.remainderUnsigned(seed >>> 1, max);
        return (seed & 1) == 0 ? magnitude : -magnitude;
    }

    /**
     * {@code year}: the 1st of January of the date's year; {@code month}: the 1st of its month; a timestamp's time
     * becomes midnight, its zone stays. {@code zip3}: the first three digits stay, the others become 0
     * ({@code 97201-1234} → {@code 97200-0000}).
     */
    FieldAnonymizer generalize(FieldRule rule) {
        String level = rule.argument();
        if (level.equals("zip3")) {
            return (value, entity) -> zip3(value.strip());
        }
        boolean year = level.equals("year");
        return (value, entity) -> {
            String t = value.strip();
            if (isInfinity(t)) {
                return value;
            }
            LocalDate date = Dates.parse(t);
            if (date == null) {
                throw new AnonymizationException(rule, "the value is not an ISO date (yyyy-MM-dd, optionally followed "
                        + "by a time)");
            }
            LocalDate general = year ? date.withDayOfYear(1) : date.withDayOfMonth(1);
            return Dates.format(general) + midnight(t.substring(10));
        };
    }

    private static String zip3(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(digits++ < 3 ? c : '0');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A time part with its digits zeroed up to the zone ({@code +02}, {@code -05:00}, {@code Z}, {@code BC}). */
    private static String midnight(String time) {
        StringBuilder out = new StringBuilder(time.length());
        boolean zone = false;
        for (int i = 0; i < time.length(); i++) {
            char c = time.charAt(i);
            if (i > 0 && (c == '+' || c == '-' || Character.isLetter(c))) {
                zone = true;
            }
            out.append(!zone && c >= '0' && c <= '9' ? '0' : c);
        }
        return out.toString();
    }

    private static boolean isInfinity(String t) {
        String l = t.toLowerCase(Locale.ROOT);
        return l.equals("infinity") || l.equals("-infinity");
    }
}
