package io.ferry.contracts.ids;

import io.ferry.contracts.ContractViolation;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of a run: {@code mig-{yyyyMMddHHmmss, UTC}-{3-digit sequence}}, e.g.
 * {@code mig-20261121060000-001}. The time is when the run was requested, to the second; the
 * sequence (000 to 999) tells apart runs requested in the same second. Ids sort by time as text.
 */
public record RunId(Instant requestedAt, int sequence) {

    public static final int MAX_SEQUENCE = 999;

    private static final Pattern FORMAT = Pattern.compile("mig-([0-9]{14})-([0-9]{3})");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT)
            .withZone(ZoneOffset.UTC);
    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Keeps whole seconds only, because the id holds no more. */
    public RunId {
        if (requestedAt == null) {
            throw new ContractViolation("run id: requestedAt is required");
        }
        requestedAt = requestedAt.truncatedTo(ChronoUnit.SECONDS);
        if (requestedAt.isBefore(EARLIEST) || requestedAt.isAfter(LATEST)) {
            throw new ContractViolation("run id: requestedAt must fall in years 1000 to 9999");
        }
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new ContractViolation("run id: sequence must be 0 to " + MAX_SEQUENCE);
        }
    }

    public static RunId of(Instant requestedAt, int sequence) {
        return new RunId(requestedAt, sequence);
    }

    /**
     * Reads an id written by {@link #toString()}. The error says which part is wrong but does not
     * quote the input, which may come from an untrusted message.
     */
    public static RunId parse(String text) {
        if (text == null) {
            throw new ContractViolation("run id is missing");
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new ContractViolation(
                    "run id must look like mig-{yyyyMMddHHmmss}-{NNN}, e.g. mig-20261121060000-001");
        }
        Instant time;
        try {
            time = LocalDateTime.parse(m.group(1), TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ContractViolation("run id: yyyyMMddHHmmss part is not a valid UTC date and time");
        }
        return new RunId(time, Integer.parseInt(m.group(2)));
    }

    /** True if {@code text} is a well-formed run id. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (ContractViolation e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "mig-" + TIME.format(requestedAt) + "-" + String.format(Locale.ROOT, "%03d", sequence);
    }
}
