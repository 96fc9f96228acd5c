package io.ferry.coordinator.runs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Run ids as DESIGN.md writes them: {@code mig-{yyyyMMddHHmmss, UTC}-{3-digit sequence}}. */
public final class RunIds {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    /** The prefix of every run id started in the second of {@code at}. */
    public static String prefix(Instant at) {
        return "mig-" + SECOND.format(at) + "-";
    }

    /**
     * @param last the highest id already taken in that second, if any
     * @throws IllegalStateException a thousand runs in one second
     */
    public static String next(Instant at, Optional<String> last) {
        int seq = last.map(id -> Integer.parseInt(id.substring(id.length() - 3)) + 1).orElse(1);
        if (seq > 999) {
            throw new IllegalStateException("more than 999 runs started in one second");
        }
        return prefix(at) + String.format(Locale.ROOT, "%03d", seq);
    }
}
