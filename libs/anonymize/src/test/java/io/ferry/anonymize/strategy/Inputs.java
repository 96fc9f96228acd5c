package io.ferry.anonymize.strategy;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Distinct, realistic-looking source values for volume tests: the i-th value of each kind is distinct from every
 * other i (built from i itself), and shaped like production data (names, separators, mixed case).
 */
final class Inputs {

    private static final List<String> FIRST = List.of("thea", "cassius", "linnea", "mary", "jon", "mike", "anna",
            "omar", "wei", "priya", "zoë", "josé", "o'neil", "ann-marie");
    private static final List<String> LAST = List.of("vandermolen", "okonkwo-reyes", "abernathy-soto", "smith",
            "stephens", "hillyer", "nguyen", "müller", "garcía", "o'brien");
    private static final List<String> DOMAINS = List.of("gmail.com", "yahoo.com", "outlook.com", "district7.k12.or.us",
            "sakilacustomer.org");

    private Inputs() {
    }

    static String email(int i) {
        String first = FIRST.get(i % FIRST.size());
        String last = LAST.get(i / FIRST.size() % LAST.size());
        String domain = DOMAINS.get(i % DOMAINS.size());
        return switch (i % 4) {
            case 0 -> first + "." + last + i + "@" + domain;
            case 1 -> (first + "." + last).toUpperCase(Locale.ROOT) + "." + Integer.toString(i, 36) + "@" + domain;
            case 2 -> first.charAt(0) + last + "+" + i + "@" + domain;
            default -> last + "_" + first + "." + i + "@" + domain;
        };
    }

    static String username(int i) {
        String first = FIRST.get(i % FIRST.size());
        String last = LAST.get(i / FIRST.size() % LAST.size());
        return switch (i % 3) {
            case 0 -> first.charAt(0) + last + i;
            case 1 -> first + "." + last + "." + i;
            default -> last + Integer.toString(i, 36);
        };
    }

    /** Ten digits (distinct for i below 10^9), some with separators. */
    static String stateId(int i) {
        String digits = String.format(Locale.ROOT, "%010d", (long) i * 7_919L % 9_000_000_000L + 1_000_000_000L);
        return i % 5 == 0 ? digits.substring(0, 4) + "-" + digits.substring(4) : digits;
    }

    /** Letters and digits, like {@code AB12345} (distinct for every i). */
    static String alphanumericId(int i) {
        return "S" + Integer.toString(i, 36).toUpperCase(Locale.ROOT) + (char) ('A' + i % 26);
    }

    static String phone(SplittableRandom random) {
        int area = 201 + random.nextInt(780);
        int exchange = 201 + random.nextInt(780);
        int line = random.nextInt(10_000);
        return switch (random.nextInt(3)) {
            case 0 -> String.format(Locale.ROOT, "(%d) %03d-%04d", area, exchange, line);
            case 1 -> String.format(Locale.ROOT, "+1 %d.%03d.%04d", area, exchange, line);
            default -> String.format(Locale.ROOT, "%d%03d%04d", area, exchange, line);
        };
    }

    static String firstName(int i) {
        return FIRST.get(i % FIRST.size()) + (i < FIRST.size() ? "" : Integer.toString(i / FIRST.size(), 36));
    }
}
