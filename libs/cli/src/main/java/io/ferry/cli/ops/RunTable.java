package io.ferry.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs as the operator commands print them: one status line, or a table with a header. Pure text, no I/O. */
final class RunTable {

    private static final String FORMAT = "%-24s %-14s %-20s %-12s %-9s %-7s %-20s %s";

    private RunTable() {
    }

    /** {@code mig-... district-001 SUCCEEDED (DONE)}, with the reason or what it waits for when there is one. */
    static String statusLine(JsonNode run) {
        String line = run.path("runId").asText() + " " + run.path("district").asText() + " " + run.path("status").asText()
                + " (" + run.path("step").asText() + ")";
        String waiting = waiting(run);
        return waiting.isEmpty() ? line : line + ": " + waiting;
    }

    /** A header and one line per run: id, district, status, step, stores extracted/loaded, batches, start, waits for. */
    static List<String> lines(Iterable<JsonNode> runs) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, FORMAT, "RUN", "DISTRICT", "STATUS", "STEP", "STORES", "BATCHES",
                "STARTED (UTC)", "WAITING FOR / REASON").stripTrailing());
        for (JsonNode run : runs) {
            out.add(String.format(Locale.ROOT, FORMAT, run.path("runId").asText(), run.path("district").asText(),
                    run.path("status").asText() + (run.path("dryRun").asBoolean() ? " dry" : ""),
                    run.path("step").asText(), run.path("extractedStores").size() + "/" + run.path("loadedStores").size(),
                    run.path("anonymizedBatches").asInt(), started(run.path("runId").asText()), waiting(run)).stripTrailing());
        }
        return out;
    }

    /** What the run waits for (and the command that continues it), else its reason, else nothing. */
    static String waiting(JsonNode run) {
        String waitingFor = text(run, "waitingFor");
        if (!waitingFor.isEmpty()) {
            String next = text(run, "continueWith");
            return next.isEmpty() ? waitingFor : waitingFor + " (then: " + next + ")";
        }
        return text(run, "reason");
    }

    /** The start encoded in a run id ({@code mig-20261124001500-001} is 2026-11-24 00:15:00 UTC). */
    static String started(String runId) {
        if (!runId.matches("mig-\\d{14}-\\d{3}")) {
            return "";
        }
        String t = runId.substring(4, 18);
        return t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6, 8) + " " + t.substring(8, 10) + ":"
                + t.substring(10, 12) + ":" + t.substring(12, 14);
    }

    private static String text(JsonNode run, String field) {
        JsonNode n = run.path(field);
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }
}
