package io.ferry.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How long each step of a piece of work took, for its log line and for benchmarks: where a slow preflight,
 * validation or load spends its time. Not thread-safe: one per piece of work.
 */
public final class StepTimes {

    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final LongSupplier nanoClock;
    private long last;

    public StepTimes() {
        this(System::nanoTime);
    }

    /** With a clock of its own, so that a test need not depend on how long the machine takes between two marks. */
    StepTimes(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.last = nanoClock.getAsLong();
    }

    /** Ends the step running since the previous mark (or since this object was made); a repeated name adds up. */
    public void mark(String step) {
        long now = nanoClock.getAsLong();
        seconds.merge(step, (now - last) / 1e9, Double::sum);
        last = now;
    }

    /** Seconds per step, in the order the steps first ended. */
    public Map<String, Double> seconds() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    }

    /** {@code step 1.2 s, step 0.3 s, ...} */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        seconds.forEach((step, s) -> parts.add(String.format(Locale.ROOT, "%s %.1f s", step, s)));
        return String.join(", ", parts);
    }
}
