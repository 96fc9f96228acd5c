package io.ferry.cli.staging;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads a positive duration: {@code 7d}, {@code 12h}, {@code 30m}, or ISO-8601 such as {@code P7D}, {@code PT1H}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})([dhm])");

    @Override
    public Duration convert(String text) {
        Duration duration = parse(text);
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new CommandLine.TypeConversionException("'" + text
                    + "' is not a positive duration such as 7d, 12h, 30m or P7D");
        }
        return duration;
    }

    private static Duration parse(String text) {
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
