package io.ferry.extractor.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How long each step of a preflight took, for its log line: where a slow preflight spends its time. */
final class StepTimes {

    private final List<String> steps = new ArrayList<>();
    private long last = System.nanoTime();

    /** Ends the step running since the previous mark (or since this object was made). */
    void mark(String step) {
        long now = System.nanoTime();
        steps.add(String.format(Locale.ROOT, "%s %.1f s", step, (now - last) / 1e9));
        last = now;
    }

    @Override
    public String toString() {
        return String.join(", ", steps);
    }
}
