package io.ferry.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's progress per phase, from the progress reports of its live feed. A report with a total says how far one
 * part (a store, or one of its tables) has got: a phase's rows are the sum of the latest report of each part, its
 * speed the sum of the speeds of the parts still short of their totals. A report without a total is one batch's own
 * rows (the anonymizer's): those are added up, at their average speed over the phase so far. Reports may come out of
 * order (the latest by time wins) or, rarely, twice (best effort, like the reports themselves). Thread-safe.
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

    private record Part(long done, long total, double rowsPerSec, Instant at) {
    }

    /** Rows of batch reports (no total) added up, and the span of their times. */
    private static final class Batches {
        long rows;
        Instant first;
        Instant last;
    }

    private final Map<String, Map<String, Part>> phases = new LinkedHashMap<>();
    private final Map<String, Batches> batches = new LinkedHashMap<>();

    /** One progress report ({@code {runId, phase, store, table, rowsDone, rowsTotal, rowsPerSec, at}}). */
    public synchronized void accept(JsonNode progress) {
        String phase = progress.path("phase").asText("");
        Instant at;
        try {
            at = Instant.parse(progress.path("at").asText(""));
        } catch (DateTimeParseException e) {
            return;
        }
        if (phase.isEmpty()) {
            return;
        }
        phases.computeIfAbsent(phase, p -> new LinkedHashMap<>());
        JsonNode total = progress.path("rowsTotal");
        if (!total.isNumber()) {
            Batches b = batches.computeIfAbsent(phase, p -> new Batches());
            b.rows += progress.path("rowsDone").asLong();
            b.first = b.first == null || at.isBefore(b.first) ? at : b.first;
            b.last = b.last == null || at.isAfter(b.last) ? at : b.last;
            return;
        }
        String part = progress.path("store").asText("") + "/" + progress.path("table").asText("");
        Part next = new Part(progress.path("rowsDone").asLong(), total.asLong(), progress.path("rowsPerSec").asDouble(), at);
        phases.get(phase).merge(part, next, (old, now) -> now.at().isBefore(old.at()) ? old : now);
    }

    /** The phases that reported, in the order they first did. */
    public synchronized List<Phase> snapshot() {
        List<Phase> out = new ArrayList<>();
        phases.forEach((name, parts) -> {
            long done = 0;
            long total = 0;
            double rate = 0;
            for (Part p : parts.values()) {
                done += p.done();
                total += p.total();
                if (p.done() < p.total()) {
                    rate += p.rowsPerSec();
                }
            }
            Batches b = batches.get(name);
            if (b != null) {
                done += b.rows;
                double seconds = Math.max(1, Duration.between(b.first, b.last).toMillis() / 1000.0);
                rate += b.rows / seconds;
            }
            out.add(new Phase(name, done, b == null ? total : null, rate));
        });
        return out;
    }
}
