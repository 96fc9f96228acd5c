package io.ferry.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's progress per phase, from the progress reports of its live feed: each report says how far one table (or
 * label, or the whole phase) of one store has got, so a phase's rows are the sum of the latest report of each, its
 * total the sum of their totals once every one is known, and its speed the sum of the speeds of the parts still
 * working. Reports may come twice or out of order (best effort): the latest by time wins. Thread-safe.
 */
public final class PhaseProgress {

    /** One phase as it stands. {@code total} is null while some part's total is unknown. */
    public record Phase(String name, long done, Long total, double rowsPerSec) {

        /** {@code extract 12,000/20,226 rows, 8,500 rows/s} */
        public String describe() {
            return String.format(Locale.ROOT, "%s %,d%s rows%s", name.toLowerCase(Locale.ROOT), done,
                    total == null ? "" : String.format(Locale.ROOT, "/%,d", total),
                    rowsPerSec > 0 ? String.format(Locale.ROOT, ", %,.0f rows/s", rowsPerSec) : "");
        }
    }

    private record Part(long done, Long total, double rowsPerSec, String at) {
    }

    private final Map<String, Map<String, Part>> phases = new LinkedHashMap<>();

    /** One progress report ({@code {runId, phase, store, table, rowsDone, rowsTotal, rowsPerSec, at}}). */
    public synchronized void accept(JsonNode progress) {
        String phase = progress.path("phase").asText("");
        if (phase.isEmpty()) {
            return;
        }
        String part = progress.path("store").asText("") + "/" + progress.path("table").asText("");
        JsonNode total = progress.path("rowsTotal");
        Part next = new Part(progress.path("rowsDone").asLong(), total.isNumber() ? total.asLong() : null,
                progress.path("rowsPerSec").asDouble(), progress.path("at").asText(""));
        phases.computeIfAbsent(phase, p -> new LinkedHashMap<>()).merge(part, next,
                (old, now) -> now.at().compareTo(old.at()) >= 0 ? now : old);
    }

    /** The phases that reported, in the order they first did. */
    public synchronized List<Phase> snapshot() {
        List<Phase> out = new ArrayList<>();
        phases.forEach((name, parts) -> {
            long done = 0;
            long total = 0;
            boolean known = true;
            double rate = 0;
            for (Part p : parts.values()) {
                done += p.done();
                if (p.total() == null) {
                    known = false;
                } else {
                    total += p.total();
                }
                if (p.total() == null || p.done() < p.total()) {
                    rate += p.rowsPerSec();
                }
            }
            out.add(new Phase(name, done, known ? total : null, rate));
        });
        return out;
    }
}
