package io.ferry.anonymize.strategy;

/**
 * Zero-padded decimal digits, always ASCII: what {@code String.format("%0Nd")} gives under an English locale,
 * without a locale's own digits (a JVM started in an Arabic or Thai locale) and without a {@code Formatter} per
 * value, which fake dates, phones and SSNs make many of.
 */
public final class Digits {

    private Digits() {
    }

    /** {@code value} in at least {@code width} digits, zeros in front. */
    public static String padded(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        String digits = Long.toString(value);
        if (digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }
}
